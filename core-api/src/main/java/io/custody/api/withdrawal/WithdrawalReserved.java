package io.custody.api.withdrawal;

import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.WalletId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The wallet set {@code amount} of {@code token} aside for a new proposal and gave it the wallet's next nonce (seed
 * Properties 2 and 10). Appended to the wallet's stream in the same transaction as the proposal's
 * {@link WithdrawalProposed}, so the available balance never counts a proposal twice or misses one.
 */
@Revision("1")
public record WithdrawalReserved(WalletId walletId, ProposalId proposalId, long nonce, TokenId token, Amount amount,
                                 Instant at) {
}
