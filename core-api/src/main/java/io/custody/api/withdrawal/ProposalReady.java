package io.custody.api.withdrawal;

import io.custody.api.wallet.WalletId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Enough signers approved; the withdrawal may execute once the delay has elapsed. */
@Revision("1")
public record ProposalReady(WalletId walletId, ProposalId proposalId, Instant executableAfter, Instant at) {
}
