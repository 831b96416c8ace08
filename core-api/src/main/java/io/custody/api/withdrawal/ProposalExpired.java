package io.custody.api.withdrawal;

import io.custody.api.wallet.WalletId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The proposal reached its expiry while pending; the reservation is released. */
@Revision("1")
public record ProposalExpired(WalletId walletId, ProposalId proposalId, Instant at) {
}
