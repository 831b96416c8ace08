package io.custody.api.withdrawal;

import io.custody.api.wallet.WalletId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The execution saga reports the withdrawal confirmed on chain. */
public record CompleteWithdrawal(@TargetAggregateIdentifier WalletId walletId, ProposalId proposalId, String transactionHash) {
}
