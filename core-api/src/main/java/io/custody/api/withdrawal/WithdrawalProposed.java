package io.custody.api.withdrawal;

import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.DestinationAddress;
import io.custody.api.wallet.OrganisationId;
import io.custody.api.wallet.SignerAddress;
import io.custody.api.wallet.Threshold;
import io.custody.api.wallet.WalletId;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A withdrawal was proposed: the first event of the proposal's own stream (aggregate id = the proposal id, unique
 * across the system). The wallet reserved its amount in the same transaction ({@link WithdrawalReserved}). It carries
 * a snapshot of the signer set and threshold at that moment, so later changes to the wallet's signers never change
 * who may approve this proposal.
 *
 * @param organisation      the wallet's organisation, so that every read model row can carry it
 * @param nonce             the wallet's next nonce: unique and strictly increasing per wallet (seed Property 2)
 * @param requiredApprovals the threshold, plus one when a limit is breached, capped at the number of signers
 * @param limitBreaches     the limits this proposal exceeds, empty when none
 * @param delayHours        the wallet's withdrawal delay when the proposal was made
 * @param proposerSignature the proposer's verified signature over the request, kept as evidence
 * @param call              for a contract call, the function, arguments and calldata ({@code to} is the contract
 *                          and {@code amount} of {@code token} the native value sent with it); {@code null} for a
 *                          transfer. Revision 3 added it; earlier events are transfers and read as {@code null}.
 * @param notBefore         the earliest time the approved transaction may execute (revision 3), {@code null} for
 *                          none: it becomes executable at the later of this and the end of its withdrawal delay
 */
@Revision("3")
public record WithdrawalProposed(WalletId walletId, OrganisationId organisation, ProposalId proposalId, long nonce,
                                 SignerAddress proposer, DestinationAddress to, TokenId token, Amount amount, List<SignerAddress> signers,
                                 Threshold threshold, int requiredApprovals, List<LimitBreach> limitBreaches,
                                 int delayHours, Instant expiresAt, Instant proposedAt,
                                 SignerSignature proposerSignature, ContractCall call, Instant notBefore) {

    /** A transfer's opening event. */
    public WithdrawalProposed(WalletId walletId, OrganisationId organisation, ProposalId proposalId, long nonce,
                              SignerAddress proposer, DestinationAddress to, TokenId token, Amount amount,
                              List<SignerAddress> signers, Threshold threshold, int requiredApprovals,
                              List<LimitBreach> limitBreaches, int delayHours, Instant expiresAt, Instant proposedAt,
                              SignerSignature proposerSignature) {
        this(walletId, organisation, proposalId, nonce, proposer, to, token, amount, signers, threshold,
                requiredApprovals, limitBreaches, delayHours, expiresAt, proposedAt, proposerSignature, null, null);
    }

    public WithdrawalProposed {
        if (call != null && call.data() == null) {
            throw new IllegalArgumentException("a proposed contract call carries its encoded calldata");
        }
        signers = List.copyOf(signers);
        limitBreaches = List.copyOf(limitBreaches);
    }
}
