package io.custody.api.identity;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A passkey's display name changed. */
@Revision("1")
public record PasskeyRenamed(MemberId member, String credentialId, String name, Instant renamedAt) {
}
