package io.custody.api.withdrawal;

import io.custody.api.wallet.WalletId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The wallet's withdrawal delay after readiness has passed; the withdrawal may now execute. */
@Revision("1")
public record WithdrawalDelayElapsed(WalletId walletId, ProposalId proposalId, Instant at) {
}
