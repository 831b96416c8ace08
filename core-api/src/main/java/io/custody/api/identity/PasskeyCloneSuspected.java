package io.custody.api.identity;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An assertion came with a signature counter not above the last one seen: the authenticator may have been cloned
 * (WebAuthn §6.1.1). The assertion was refused.
 */
@Revision("1")
public record PasskeyCloneSuspected(MemberId member, String credentialId, long storedCount, long presentedCount,
                                    Instant detectedAt) {
}
