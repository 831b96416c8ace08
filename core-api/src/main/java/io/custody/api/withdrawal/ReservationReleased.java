package io.custody.api.withdrawal;

import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.WalletId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The amount reserved for a proposal is available again because the proposal ended without moving money
 * ({@code outcome} is {@code REJECTED}, {@code EXPIRED} or {@code FAILED}). Appended in the same transaction as the
 * proposal's final event.
 */
@Revision("1")
public record ReservationReleased(WalletId walletId, ProposalId proposalId, TokenId token, Amount amount,
                                  ProposalStatus outcome, Instant at) {
}
