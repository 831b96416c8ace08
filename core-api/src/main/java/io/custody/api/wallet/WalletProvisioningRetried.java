package io.custody.api.wallet;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A new provisioning attempt (numbered from 1, the first being the one creation started) is pending its key. */
@Revision("1")
public record WalletProvisioningRetried(WalletId walletId, ChainFamily chainFamily, int attempt, Instant at) {
}
