package io.custody.api.withdrawal;

import io.custody.api.wallet.WalletId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The execution saga takes a ready proposal whose delay has elapsed. */
public record StartWithdrawalExecution(@TargetAggregateIdentifier WalletId walletId, ProposalId proposalId) {
}
