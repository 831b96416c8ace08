package io.custody.api.governance;

import io.custody.api.wallet.WalletId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The wallet's rules refused the change when it was to take effect (a threshold above the signer count by then, a
 * closed wallet, ...); the wallet is unchanged. {@code reasonCode} is the refusal's stable reason.
 */
@Revision("1")
public record PolicyChangeFailed(WalletId walletId, PolicyChangeId changeId, String reasonCode, String reason,
                                 Instant at) {
}
