package io.custody.api.deposit;

import io.custody.api.wallet.WalletId;
import org.axonframework.commandhandling.RoutingKey;

/**
 * Sent by the chain gateway's side when the block holding a deposit left the canonical chain (a reorganisation).
 * A pending deposit stops being shown; a credited one is reversed on the wallet. A deposit the wallet never heard of,
 * or one already retracted, changes nothing.
 */
public record RetractDeposit(@RoutingKey WalletId walletId, DepositId depositId, String reason) {
}
