package io.custody.api.wallet;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Key generation waits for a resource ({@code reason}, e.g. {@code PRIME_POOL_EMPTY}); it will go on by itself. */
@Revision("1")
public record WalletProvisioningWaiting(WalletId walletId, int attempt, String reason, Instant at) {
}
