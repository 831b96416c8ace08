package io.custody.api.withdrawal;

import io.custody.api.wallet.WalletId;
import org.axonframework.commandhandling.RoutingKey;

/** The execution saga takes a ready proposal whose delay has elapsed. */
public record StartWithdrawalExecution(@RoutingKey WalletId walletId, ProposalId proposalId) {
}
