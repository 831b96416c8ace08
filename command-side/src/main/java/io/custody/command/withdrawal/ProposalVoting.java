package io.custody.command.withdrawal;

import io.custody.api.wallet.SignerAddress;
import io.custody.api.withdrawal.Decision;
import io.custody.api.withdrawal.ProposalStatus;

/**
 * Seed Property 11 as a function: a proposal becomes ready when approvals reach the required number and rejected when
 * rejections exceed {@code signers - required}, the point from which the required approvals can no longer be reached.
 * For a proposal without a limit breach the required number is the threshold, which is the seed's wording exactly;
 * with a breach (Property 15) it is one more, and rejecting earlier than that would leave a proposal pending that can
 * never become ready.
 */
public final class ProposalVoting {

    private ProposalVoting() {
    }

    public static VoteOutcome decide(ProposalState proposal, SignerAddress signer, Decision decision) {
        if (!proposal.opened().signers().contains(signer)) {
            return new VoteOutcome.NotASigner();
        }
        Decision earlier = proposal.votes().get(signer);
        if (earlier == decision) {
            return new VoteOutcome.AlreadyRecorded();
        }
        if (earlier != null) {
            return new VoteOutcome.ConflictsWithEarlierVote();
        }
        if (proposal.status() != ProposalStatus.PENDING) {
            return new VoteOutcome.Closed(proposal.status());
        }
        long approvals = proposal.count(Decision.APPROVE) + (decision == Decision.APPROVE ? 1 : 0);
        long rejections = proposal.count(Decision.REJECT) + (decision == Decision.REJECT ? 1 : 0);
        return new VoteOutcome.Recorded(statusAfter(approvals, rejections, proposal.opened().signers().size(),
                proposal.opened().requiredApprovals()));
    }

    /** The status of a pending proposal with these vote counts. */
    public static ProposalStatus statusAfter(long approvals, long rejections, int signers, int required) {
        if (approvals >= required) {
            return ProposalStatus.READY;
        }
        if (rejections > signers - required) {
            return ProposalStatus.REJECTED;
        }
        return ProposalStatus.PENDING;
    }
}
