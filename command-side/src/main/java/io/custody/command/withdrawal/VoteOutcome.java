package io.custody.command.withdrawal;

import io.custody.api.withdrawal.ProposalStatus;

/** What a signer's vote does to a proposal, decided before any event is applied. */
public sealed interface VoteOutcome {

    /** The signer is not in the proposal's signer set (seed Property 9). */
    record NotASigner() implements VoteOutcome {
    }

    /** The same signer already cast the same vote: nothing new is stored (seed Property 3). */
    record AlreadyRecorded() implements VoteOutcome {
    }

    /** The signer already voted the other way; votes cannot be changed. */
    record ConflictsWithEarlierVote() implements VoteOutcome {
    }

    /** The proposal no longer takes votes. */
    record Closed(ProposalStatus status) implements VoteOutcome {
    }

    /** The vote is recorded and the proposal ends up in {@code next} (which may be its current status). */
    record Recorded(ProposalStatus next) implements VoteOutcome {
    }
}
