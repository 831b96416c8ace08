package io.custody.api.withdrawal;

import io.custody.api.wallet.WalletId;
import org.axonframework.commandhandling.RoutingKey;

/** The execution saga reports that the withdrawal cannot be executed. */
public record FailWithdrawal(@RoutingKey WalletId walletId, ProposalId proposalId, String reason) {
}
