package io.custody.api.withdrawal;

import io.custody.api.wallet.WalletId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The withdrawal is confirmed on chain; the reserved amount left the balance for good. */
@Revision("1")
public record WithdrawalCompleted(WalletId walletId, ProposalId proposalId, String transactionHash, Instant at) {
}
