package io.custody.api.withdrawal;

import java.util.EnumSet;
import java.util.Set;

/**
 * The seven states of a withdrawal proposal (seed Property 11) and the only transitions between them. Final states
 * have no way out. {@code EXECUTING}, {@code COMPLETED} and {@code FAILED} are entered by the execution saga.
 */
public enum ProposalStatus {
    PENDING,
    READY,
    EXECUTING,
    COMPLETED,
    REJECTED,
    EXPIRED,
    FAILED;

    public boolean isFinal() {
        return this == COMPLETED || this == REJECTED || this == EXPIRED || this == FAILED;
    }

    public Set<ProposalStatus> successors() {
        return switch (this) {
            case PENDING -> EnumSet.of(READY, REJECTED, EXPIRED);
            case READY -> EnumSet.of(EXECUTING);
            case EXECUTING -> EnumSet.of(COMPLETED, FAILED);
            case COMPLETED, REJECTED, EXPIRED, FAILED -> EnumSet.noneOf(ProposalStatus.class);
        };
    }

    public boolean canBecome(ProposalStatus next) {
        return successors().contains(next);
    }
}
