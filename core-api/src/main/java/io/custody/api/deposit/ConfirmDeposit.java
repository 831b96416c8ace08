package io.custody.api.deposit;

import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.WalletId;
import org.axonframework.commandhandling.RoutingKey;

/**
 * Sent by the chain gateway once a deposit to the wallet's address has enough confirmations. Idempotent per
 * {@code depositId}: the gateway may send it again after a restart. Routed by wallet so that one instance handles all
 * of a wallet's commands.
 */
public record ConfirmDeposit(@RoutingKey WalletId walletId, DepositId depositId, TokenId token,
                             Amount amount) {
}
