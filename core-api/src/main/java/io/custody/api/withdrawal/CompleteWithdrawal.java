package io.custody.api.withdrawal;

import io.custody.api.wallet.WalletId;
import org.axonframework.commandhandling.RoutingKey;

/** The execution saga reports the withdrawal confirmed on chain. */
public record CompleteWithdrawal(@RoutingKey WalletId walletId, ProposalId proposalId, String transactionHash) {
}
