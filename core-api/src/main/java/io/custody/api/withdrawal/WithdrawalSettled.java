package io.custody.api.withdrawal;

import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.WalletId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The reserved amount left the wallet for good: the withdrawal is confirmed on chain. Appended to the wallet's stream
 * in the same transaction as the proposal's {@link WithdrawalCompleted}.
 */
@Revision("1")
public record WithdrawalSettled(WalletId walletId, ProposalId proposalId, TokenId token, Amount amount,
                                String transactionHash, Instant at) {
}
