package io.custody.api.withdrawal;

import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.DestinationAddress;
import io.custody.api.wallet.SignerAddress;
import io.custody.api.wallet.WalletId;
import java.time.Instant;
import org.axonframework.commandhandling.RoutingKey;

/**
 * A signer proposes to send {@code amount} of {@code token} to {@code to}. Sending it again with the same proposal id
 * and content returns the same proposal; the same id with other content is an idempotency conflict.
 *
 * @param expiresAt         when the proposal expires unless it became ready before (whole seconds are signed)
 * @param proposerSignature the proposer's signature over the {@link ProposalRequestPayload} of this request
 */
public record ProposeWithdrawal(@RoutingKey WalletId walletId, ProposalId proposalId,
                                SignerAddress proposer, DestinationAddress to, TokenId token, Amount amount,
                                Instant expiresAt, SignerSignature proposerSignature) {

    public ProposalRequestPayload requestPayload() {
        return new ProposalRequestPayload(walletId, proposalId, token, amount, to, expiresAt);
    }
}
