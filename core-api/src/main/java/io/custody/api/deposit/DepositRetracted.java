package io.custody.api.deposit;

import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.WalletId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The block holding the deposit left the canonical chain (a reorganisation). Appended to the deposit's own stream.
 * {@code wasCredited} says whether the wallet had been credited, in which case {@link DepositReversed} takes the
 * amount back from the wallet in the same transaction. A deposit mined again later is confirmed again.
 */
@Revision("1")
public record DepositRetracted(WalletId walletId, DepositId depositId, TokenId token, Amount amount,
                               boolean wasCredited, String reason, Instant retractedAt) {
}
