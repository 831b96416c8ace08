package io.custody.api.identity;

import io.custody.api.wallet.OrganisationId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records a passkey whose registration ceremony the server verified (attestation, origin, RP id, challenge, user
 * verification). The public key is the COSE key from the attested credential data, base64url.
 */
public record RegisterPasskey(@TargetAggregateIdentifier MemberId member, OrganisationId organisation,
                              String credentialId, String publicKeyCose, long signatureCount,
                              String attestationFormat, boolean backupEligible, boolean backedUp, String name) {
}
