package io.custody.command.withdrawal;

import io.custody.api.withdrawal.Decision;
import io.custody.api.withdrawal.ProposalSigningPayload;
import io.custody.api.withdrawal.ProposalStatus;
import io.custody.api.withdrawal.WithdrawalProposed;
import io.custody.api.wallet.SignerAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the wallet remembers of one proposal: the snapshot it was opened with, the votes so far and its status. Only
 * the wallet's event-sourcing handlers change it.
 */
public final class ProposalState {

    private WithdrawalProposed opened;
    private LinkedHashMap<SignerAddress, Decision> votes = new LinkedHashMap<>();
    private ProposalStatus status = ProposalStatus.PENDING;
    private Instant executableAfter;
    private boolean delayElapsed;

    private ProposalState() {
        // for snapshots
    }

    public ProposalState(WithdrawalProposed opened) {
        this.opened = opened;
    }

    public WithdrawalProposed opened() {
        return opened;
    }

    public ProposalSigningPayload payload() {
        return ProposalSigningPayload.of(opened);
    }

    public ProposalStatus status() {
        return status;
    }

    public Map<SignerAddress, Decision> votes() {
        return Map.copyOf(votes);
    }

    public long count(Decision decision) {
        return votes.values().stream().filter(decision::equals).count();
    }

    public Instant executableAfter() {
        return executableAfter;
    }

    public boolean delayElapsed() {
        return delayElapsed;
    }

    /** Whether the reserved amount still counts against the balance. */
    public boolean holdsReservation() {
        return status == ProposalStatus.PENDING || status == ProposalStatus.READY || status == ProposalStatus.EXECUTING;
    }

    /** Whether the withdrawal counts towards the daily and weekly totals: in flight or completed. */
    public boolean countsTowardsLimits() {
        return holdsReservation() || status == ProposalStatus.COMPLETED;
    }

    public void record(SignerAddress signer, Decision decision) {
        votes.put(signer, decision);
    }

    public void becomeReady(Instant executableAfter) {
        moveTo(ProposalStatus.READY);
        this.executableAfter = executableAfter;
    }

    public void markDelayElapsed() {
        delayElapsed = true;
    }

    public void moveTo(ProposalStatus next) {
        if (!status.canBecome(next)) {
            // events are only applied after the handler checked the transition; this guards against a bug, not input
            throw new IllegalStateException("proposal " + opened.proposalId() + " cannot go from " + status + " to " + next);
        }
        status = next;
    }

    // Axon's test fixture compares the aggregate built by handling with the one rebuilt from events; value equality
    // lets it find any state change made outside an event-sourcing handler.
    @Override
    public boolean equals(Object o) {
        return o instanceof ProposalState other && opened.equals(other.opened) && votes.equals(other.votes)
                && status == other.status && Objects.equals(executableAfter, other.executableAfter)
                && delayElapsed == other.delayElapsed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(opened, votes, status, executableAfter, delayElapsed);
    }
}
