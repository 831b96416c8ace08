package io.custody.api.wallet;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The key generation failed; the wallet stays without key until {@link RetryWalletProvisioning}. */
@Revision("1")
public record WalletProvisioningFailed(WalletId walletId, int attempt, String reason, Instant at) {
}
