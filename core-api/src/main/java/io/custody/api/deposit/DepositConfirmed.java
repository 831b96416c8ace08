package io.custody.api.deposit;

import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.WalletId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A confirmed deposit was credited to the wallet's balance of {@code token}. */
@Revision("1")
public record DepositConfirmed(WalletId walletId, DepositId depositId, TokenId token, Amount amount,
                               Instant confirmedAt) {
}
