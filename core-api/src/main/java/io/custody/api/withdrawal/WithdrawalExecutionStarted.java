package io.custody.api.withdrawal;

import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.DestinationAddress;
import io.custody.api.wallet.WalletId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The execution saga took the withdrawal: everything it signs and broadcasts is fixed here, from the wallet's MPC key
 * ({@code keyId}) and address ({@code from}) at this moment to the proposal's destination, token and amount, and for a
 * contract call ({@code call}, revision 2; {@code null} for a transfer) the calldata the approvers signed.
 */
@Revision("2")
public record WithdrawalExecutionStarted(WalletId walletId, ProposalId proposalId, String keyId, String from,
                                         DestinationAddress to, TokenId token, Amount amount, Instant at,
                                         ContractCall call) {

    /** A transfer's execution. */
    public WithdrawalExecutionStarted(WalletId walletId, ProposalId proposalId, String keyId, String from,
                                      DestinationAddress to, TokenId token, Amount amount, Instant at) {
        this(walletId, proposalId, keyId, from, to, token, amount, at, null);
    }
}
