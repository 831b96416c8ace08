package io.custody.api.identity;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A passkey no longer authenticates. */
@Revision("1")
public record PasskeyRevoked(MemberId member, String credentialId, Instant revokedAt) {
}
