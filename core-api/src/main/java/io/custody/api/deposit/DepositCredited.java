package io.custody.api.deposit;

import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.WalletId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The wallet's balance of {@code token} grew by a confirmed deposit. Appended to the wallet's stream in the same
 * transaction as the deposit's own {@link DepositConfirmed}, which is what makes the credit happen once per deposit.
 */
@Revision("1")
public record DepositCredited(WalletId walletId, DepositId depositId, TokenId token, Amount amount, Instant at) {
}
