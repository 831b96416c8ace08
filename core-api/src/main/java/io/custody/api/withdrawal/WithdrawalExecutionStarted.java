package io.custody.api.withdrawal;

import io.custody.api.wallet.WalletId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The execution saga started signing and broadcasting the withdrawal. */
@Revision("1")
public record WithdrawalExecutionStarted(WalletId walletId, ProposalId proposalId, Instant at) {
}
