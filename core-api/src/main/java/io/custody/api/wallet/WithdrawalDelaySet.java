package io.custody.api.wallet;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The wallet's withdrawal delay changed. */
@Revision("1")
public record WithdrawalDelaySet(WalletId walletId, int hours, Instant at) {
}
