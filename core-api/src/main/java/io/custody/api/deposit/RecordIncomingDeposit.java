package io.custody.api.deposit;

import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.WalletId;
import org.axonframework.commandhandling.RoutingKey;

/**
 * Sent by the chain gateway's side when a transfer to the wallet's address is in a block but not yet at the chain's
 * confirmation depth: the wallet shows it as pending incoming and does not credit it. Idempotent per
 * {@code depositId}, like {@link ConfirmDeposit}, which may follow.
 */
public record RecordIncomingDeposit(@RoutingKey WalletId walletId, DepositId depositId, TokenId token,
                                    Amount amount) {
}
