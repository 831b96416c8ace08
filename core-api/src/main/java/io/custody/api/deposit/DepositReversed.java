package io.custody.api.deposit;

import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.WalletId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The wallet's balance of {@code token} shrank by a credited deposit the chain took back (a reorganisation deeper
 * than the confirmation depth). Appended to the wallet's stream in the same transaction as the deposit's own
 * {@link DepositRetracted}, so a deposit is reversed at most once per credit.
 */
@Revision("1")
public record DepositReversed(WalletId walletId, DepositId depositId, TokenId token, Amount amount, String reason,
                              Instant at) {
}
