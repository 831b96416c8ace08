package io.custody.api.identity;

import io.custody.api.wallet.OrganisationId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A member holds a new passkey (credential id and COSE public key base64url, no secret). */
@Revision("1")
public record PasskeyRegistered(MemberId member, OrganisationId organisation, String credentialId,
                                String publicKeyCose, long signatureCount, String attestationFormat,
                                boolean backupEligible, boolean backedUp, String name, Instant registeredAt) {
}
