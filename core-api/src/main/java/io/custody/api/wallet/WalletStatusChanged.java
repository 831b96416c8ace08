package io.custody.api.wallet;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The wallet was suspended, reactivated or closed. */
@Revision("1")
public record WalletStatusChanged(WalletId walletId, WalletStatus from, WalletStatus to, String reason, Instant at) {
}
