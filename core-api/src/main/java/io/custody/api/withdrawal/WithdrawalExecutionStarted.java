package io.custody.api.withdrawal;

import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.DestinationAddress;
import io.custody.api.wallet.WalletId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The execution saga took the withdrawal: everything it signs and broadcasts is fixed here, from the wallet's MPC key
 * ({@code keyId}) and address ({@code from}) at this moment to the proposal's destination, token and amount.
 */
@Revision("1")
public record WithdrawalExecutionStarted(WalletId walletId, ProposalId proposalId, String keyId, String from,
                                         DestinationAddress to, TokenId token, Amount amount, Instant at) {
}
