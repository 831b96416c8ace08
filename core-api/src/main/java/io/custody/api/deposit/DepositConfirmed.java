package io.custody.api.deposit;

import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.WalletId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A deposit reached its confirmation depth. This is the first event of the deposit's own stream (aggregate id = the
 * deposit id), so the event store's unique key on (aggregate, sequence) admits it once, however often and however
 * concurrently the gateway confirms it; the wallet's balance follows with {@link DepositCredited}.
 */
@Revision("1")
public record DepositConfirmed(WalletId walletId, DepositId depositId, TokenId token, Amount amount,
                               Instant confirmedAt) {
}
