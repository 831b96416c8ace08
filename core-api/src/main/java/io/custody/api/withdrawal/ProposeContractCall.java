package io.custody.api.withdrawal;

import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.DestinationAddress;
import io.custody.api.wallet.SignerAddress;
import io.custody.api.wallet.WalletId;
import java.time.Instant;
import org.axonframework.commandhandling.RoutingKey;

/**
 * A signer proposes a transaction that calls {@code contract}: {@code call} names the function and its arguments (the
 * command side encodes them), {@code value} of {@code token} (the chain's native coin; zero for most calls) goes with
 * it. It goes through the same workflow as a withdrawal: the wallet's policy must allow the contract and function, the
 * value is reserved, the signers approve, and exactly one transaction executes it. Idempotent like
 * {@link ProposeWithdrawal}.
 *
 * <p>{@code token} and {@code value} say what the call may take from the wallet: when {@code token} is the chain's
 * native coin, {@code value} is sent with the call; when it is an ERC-20 token of the registry, nothing is sent and
 * {@code value} is the most of that token the call may move out of the wallet (e.g. a repayment pulled by the
 * financing contract). Either way it is reserved, and what actually left is settled from the receipt.
 *
 * @param notBefore         the earliest time the approved call may execute (a repayment on its due date), whole
 *                          seconds; {@code null}: as soon as it is approved and its delay elapsed
 * @param proposerSignature the proposer's signature over the {@link ProposalRequestPayload} of this request
 */
public record ProposeContractCall(@RoutingKey WalletId walletId, ProposalId proposalId, SignerAddress proposer,
                                  DestinationAddress contract, TokenId token, Amount value, ContractCall call,
                                  Instant expiresAt, SignerSignature proposerSignature, Instant notBefore) {

    /** A call that executes as soon as it may. */
    public ProposeContractCall(WalletId walletId, ProposalId proposalId, SignerAddress proposer,
                               DestinationAddress contract, TokenId token, Amount value, ContractCall call,
                               Instant expiresAt, SignerSignature proposerSignature) {
        this(walletId, proposalId, proposer, contract, token, value, call, expiresAt, proposerSignature, null);
    }

    public ProposalRequestPayload requestPayload() {
        return new ProposalRequestPayload(walletId, proposalId, token, value, contract, expiresAt,
                call == null ? null : call.withoutData(), notBefore);
    }
}
