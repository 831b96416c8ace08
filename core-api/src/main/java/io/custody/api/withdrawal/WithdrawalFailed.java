package io.custody.api.withdrawal;

import io.custody.api.wallet.WalletId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The withdrawal could not be executed; the reservation is released. */
@Revision("1")
public record WithdrawalFailed(WalletId walletId, ProposalId proposalId, String reason, Instant at) {
}
