package io.custody.api.identity;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A passkey signed an accepted assertion; {@code signatureCount} 0 means the authenticator keeps no counter. */
@Revision("1")
public record PasskeyUsed(MemberId member, String credentialId, long signatureCount, boolean backedUp,
                          Instant usedAt) {
}
