package io.custody.api.withdrawal;

import io.custody.api.wallet.WalletId;
import org.axonframework.commandhandling.RoutingKey;

import io.custody.api.money.Amount;

/**
 * The execution saga reports the withdrawal confirmed on chain.
 *
 * @param settled what actually left the wallet in the proposal's token, when the chain says so and it may differ
 *                from the reserved amount (a contract call moving an ERC-20 token, measured from its receipt);
 *                {@code null}: the reserved amount
 */
public record CompleteWithdrawal(@RoutingKey WalletId walletId, ProposalId proposalId, String transactionHash,
                                 Amount settled) {

    public CompleteWithdrawal(WalletId walletId, ProposalId proposalId, String transactionHash) {
        this(walletId, proposalId, transactionHash, null);
    }
}
