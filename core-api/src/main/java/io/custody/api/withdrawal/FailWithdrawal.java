package io.custody.api.withdrawal;

import io.custody.api.wallet.WalletId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The execution saga reports that the withdrawal cannot be executed. */
public record FailWithdrawal(@TargetAggregateIdentifier WalletId walletId, ProposalId proposalId, String reason) {
}
