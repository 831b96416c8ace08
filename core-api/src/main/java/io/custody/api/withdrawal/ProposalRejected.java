package io.custody.api.withdrawal;

import io.custody.api.wallet.WalletId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** So many signers rejected that the required approvals can no longer be reached; the reservation is released. */
@Revision("1")
public record ProposalRejected(WalletId walletId, ProposalId proposalId, Instant at) {
}
