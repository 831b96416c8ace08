package io.custody.command.withdrawal;

import io.custody.command.withdrawal.signature.SignerEvidence;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.custody.api.error.Reason;
import io.custody.api.wallet.SignerAddress;
import io.custody.api.wallet.WalletId;
import io.custody.api.withdrawal.Decision;
import io.custody.api.withdrawal.ProposalApproved;
import io.custody.api.withdrawal.ProposalExpired;
import io.custody.api.withdrawal.ProposalId;
import io.custody.api.withdrawal.ProposalReady;
import io.custody.api.withdrawal.ProposalRejected;
import io.custody.api.withdrawal.ProposalRejectionCast;
import io.custody.api.withdrawal.ProposalStatus;
import io.custody.api.withdrawal.ProposeContractCall;
import io.custody.api.withdrawal.ProposeWithdrawal;
import io.custody.api.withdrawal.SignerSignature;
import io.custody.api.withdrawal.WithdrawalCompleted;
import io.custody.api.withdrawal.WithdrawalDelayElapsed;
import io.custody.api.withdrawal.WithdrawalExecutionStarted;
import io.custody.api.withdrawal.WithdrawalFailed;
import io.custody.api.withdrawal.WithdrawalProposed;
import io.custody.command.common.Rejections;
import io.custody.command.wallet.CustodyWallet;
import io.custody.command.wallet.DelayUnit;
import io.custody.command.wallet.WalletAccounts;
import io.custody.command.withdrawal.call.ContractCalls;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One withdrawal proposal from the moment its wallet reserved the amount until it is final: votes (seed Properties 3,
 * 9, 11), the status machine, the expiry and the withdrawal delay (Property 12) as persistent deadlines. Its stream
 * is its own, keyed by the proposal id, so the id is unique across the system and a wallet's memory holds no votes.
 * Methods that end the proposal say so in their result; the caller releases or settles the wallet's reservation in
 * the same unit of work (ADR 013), and the expiry deadline does the same itself.
 */
@Aggregate(snapshotTriggerDefinition = "proposalSnapshotTrigger")
public class WithdrawalProposal {

    public static final String EXPIRY = "proposal-expiry";
    public static final String DELAY = "withdrawal-delay";

    @AggregateIdentifier
    private ProposalId proposalId;
    private ProposalState state;

    protected WithdrawalProposal() {
        // required by Axon to rebuild the aggregate from its events
    }

    /** Opens the proposal its wallet decided and schedules its expiry. */
    public WithdrawalProposal(WithdrawalProposed opened, DeadlineManager deadlines) {
        apply(opened);
        deadlines.schedule(opened.expiresAt(), EXPIRY, opened.proposalId(), scope(opened.proposalId()));
    }

    public boolean belongsTo(WalletId walletId) {
        return state.opened().walletId().equals(walletId);
    }

    /** The organisation of the proposal's wallet. */
    public io.custody.api.wallet.OrganisationId organisation() {
        return state.opened().organisation();
    }

    /** A repeated request returns the proposal; the same id with other content is refused. */
    public void requireSameRequest(ProposeWithdrawal command) {
        WithdrawalProposed opened = state.opened();
        ProposeWithdrawal request = CustodyWallet.normalised(command);
        if (!opened.walletId().equals(command.walletId())) {
            throw Rejections.because(Reason.ID_TAKEN, "proposal id " + proposalId + " is already in use");
        }
        boolean same = opened.call() == null && opened.proposer().equals(request.proposer())
                && opened.to().equals(request.to())
                && opened.token().equals(request.token()) && opened.amount().equals(request.amount())
                && opened.expiresAt().equals(request.expiresAt());
        if (!same) {
            throw Rejections.because(Reason.IDEMPOTENCY_KEY_REUSED,
                    "proposal " + proposalId + " already exists with different content");
        }
    }

    /** A repeated contract-call request returns the proposal; the same id with another call is refused. */
    public void requireSameRequest(ProposeContractCall command) {
        WithdrawalProposed opened = state.opened();
        ProposeContractCall request = CustodyWallet.normalised(command);
        if (!opened.walletId().equals(command.walletId())) {
            throw Rejections.because(Reason.ID_TAKEN, "proposal id " + proposalId + " is already in use");
        }
        boolean same = opened.call() != null && opened.proposer().equals(request.proposer())
                && opened.to().equals(request.contract()) && opened.token().equals(request.token())
                && opened.amount().equals(request.value()) && opened.expiresAt().equals(request.expiresAt())
                && request.call() != null
                && opened.call().withoutData().equals(ContractCalls.encode(request.call()).withoutData())
                && java.util.Objects.equals(opened.notBefore(), request.notBefore());
        if (!same) {
            throw Rejections.because(Reason.IDEMPOTENCY_KEY_REUSED,
                    "proposal " + proposalId + " already exists with different content");
        }
    }

    /** Records a signer's vote; returns the final status the vote brought the proposal to, if it did. */
    public Optional<ProposalStatus> vote(SignerAddress signer, SignerSignature signature, Decision decision,
                                        String reason, Instant now, DeadlineManager deadlines, DelayUnit unit) {
        return vote(signer, new SignerEvidence.KeySignature(signature), decision, reason, now, deadlines, unit);
    }

    /**
     * Records a signer's vote proven by {@code evidence} (a key's signature or a passkey's assertion), checked against
     * this proposal's own payload; returns the final status the vote brought the proposal to, if it did.
     */
    public Optional<ProposalStatus> vote(SignerAddress signer, SignerEvidence evidence, Decision decision,
                                        String reason, Instant now, DeadlineManager deadlines, DelayUnit unit) {
        if (signer == null || !state.opened().signers().contains(signer)) {
            throw Rejections.because(Reason.NOT_A_SIGNER, "only a signer of the proposal may " + decision.word() + " it");
        }
        evidence.problem(signer, SignerEvidence.Decided.of(state.payload(), decision)).ifPresent(problem -> {
            throw Rejections.because(Reason.SIGNATURE_INVALID, "The " + evidence.field() + " does not verify",
                    evidence.field(), problem);
        });
        if (state.status() == ProposalStatus.PENDING && !now.isBefore(state.opened().expiresAt())) {
            // The deadline may fire a little late; a vote after expiry must not count. The refusal rolls this unit
            // of work back, so the expiry itself is left to the deadline.
            throw Rejections.because(Reason.PROPOSAL_EXPIRED,
                    "proposal " + proposalId + " expired at " + state.opened().expiresAt());
        }
        VoteOutcome outcome = ProposalVoting.decide(state, signer, decision);
        if (outcome instanceof VoteOutcome.NotASigner) {
            throw Rejections.because(Reason.NOT_A_SIGNER, "only a signer of the proposal may vote");
        }
        if (outcome instanceof VoteOutcome.ConflictsWithEarlierVote) {
            throw Rejections.because(Reason.VOTE_CONFLICTS_WITH_EARLIER_VOTE,
                    signer + " already voted the other way on proposal " + proposalId);
        }
        if (outcome instanceof VoteOutcome.Closed closed) {
            throw Rejections.because(Reason.PROPOSAL_FINAL,
                    "proposal " + proposalId + " is " + closed.status() + " and takes no votes");
        }
        if (!(outcome instanceof VoteOutcome.Recorded recorded)) {
            return Optional.empty(); // AlreadyRecorded: the same vote again changes nothing (seed Property 3)
        }
        WalletId walletId = state.opened().walletId();
        if (decision == Decision.APPROVE) {
            apply(new ProposalApproved(walletId, proposalId, signer, evidence.signature(), now, evidence.assertion()));
        } else {
            apply(new ProposalRejectionCast(walletId, proposalId, signer, evidence.signature(), reason, now,
                    evidence.assertion()));
        }
        if (recorded.next() == ProposalStatus.READY) {
            becomeReady(now, deadlines, unit);
        } else if (recorded.next() == ProposalStatus.REJECTED) {
            apply(new ProposalRejected(walletId, proposalId, now));
            return Optional.of(ProposalStatus.REJECTED);
        }
        return Optional.empty();
    }

    /**
     * Ready: executable once the withdrawal delay has elapsed and, for a scheduled transaction, its {@code notBefore}
     * has come, whichever is later; the persistent deadline fires then (also across restarts).
     */
    private void becomeReady(Instant now, DeadlineManager deadlines, DelayUnit unit) {
        Instant executableAfter = now.plus(unit.times(state.opened().delayHours()));
        Instant notBefore = state.opened().notBefore();
        if (notBefore != null && notBefore.isAfter(executableAfter)) {
            executableAfter = notBefore;
        }
        apply(new ProposalReady(state.opened().walletId(), proposalId, executableAfter, now));
        if (!executableAfter.isAfter(now)) {
            apply(new WithdrawalDelayElapsed(state.opened().walletId(), proposalId, now));
        } else {
            deadlines.schedule(executableAfter, DELAY, proposalId, scope(proposalId));
        }
    }

    public void startExecution(WalletAccounts.WalletKey key, Instant now) {
        if (state.status() == ProposalStatus.EXECUTING) {
            return;
        }
        if (state.status() != ProposalStatus.READY || !state.delayElapsed()) {
            throw Rejections.because(state.status().isFinal() ? Reason.PROPOSAL_FINAL : Reason.PROPOSAL_NOT_EXECUTABLE,
                    "proposal " + proposalId + " is " + state.status()
                            + (state.status() == ProposalStatus.READY ? " but its withdrawal delay has not elapsed" : ""));
        }
        WithdrawalProposed opened = state.opened();
        apply(new WithdrawalExecutionStarted(opened.walletId(), proposalId, key.keyId(), key.address(), opened.to(),
                opened.token(), opened.amount(), now, opened.call()));
    }

    /** Returns whether this call completed the proposal (the caller then settles the reservation). */
    public boolean complete(String transactionHash, Instant now) {
        if (state.status() == ProposalStatus.COMPLETED) {
            return false;
        }
        requireExecuting();
        apply(new WithdrawalCompleted(state.opened().walletId(), proposalId, transactionHash, now));
        return true;
    }

    /** Returns whether this call failed the proposal (the caller then releases the reservation). */
    public boolean fail(String reason, Instant now) {
        if (state.status() == ProposalStatus.FAILED) {
            return false;
        }
        requireExecuting();
        apply(new WithdrawalFailed(state.opened().walletId(), proposalId, reason, now));
        return true;
    }

    private void requireExecuting() {
        if (state.status() != ProposalStatus.EXECUTING) {
            throw Rejections.because(state.status().isFinal() ? Reason.PROPOSAL_FINAL : Reason.PROPOSAL_NOT_EXECUTABLE,
                    "proposal " + proposalId + " is " + state.status() + ", not EXECUTING");
        }
    }

    @DeadlineHandler(deadlineName = EXPIRY)
    void expire(ProposalId expiring, Clock clock, WalletAccounts wallets) {
        if (state.status() == ProposalStatus.PENDING) {
            Instant now = clock.instant();
            apply(new ProposalExpired(state.opened().walletId(), proposalId, now));
            wallets.release(state.opened().walletId(), proposalId, ProposalStatus.EXPIRED, now);
        }
    }

    @DeadlineHandler(deadlineName = DELAY)
    void delayElapsed(ProposalId elapsing, Clock clock) {
        if (state.status() == ProposalStatus.READY && !state.delayElapsed()) {
            apply(new WithdrawalDelayElapsed(state.opened().walletId(), proposalId, clock.instant()));
        }
    }

    private static AggregateScopeDescriptor scope(ProposalId id) {
        return new AggregateScopeDescriptor(WithdrawalProposal.class.getSimpleName(), id.toString());
    }

    @EventSourcingHandler
    void on(WithdrawalProposed event) {
        proposalId = event.proposalId();
        state = new ProposalState(event);
    }

    @EventSourcingHandler
    void on(ProposalApproved event) {
        state.record(event.signer(), Decision.APPROVE);
    }

    @EventSourcingHandler
    void on(ProposalRejectionCast event) {
        state.record(event.signer(), Decision.REJECT);
    }

    @EventSourcingHandler
    void on(ProposalReady event) {
        state.becomeReady(event.executableAfter());
    }

    @EventSourcingHandler
    void on(WithdrawalDelayElapsed event) {
        state.markDelayElapsed();
    }

    @EventSourcingHandler
    void on(ProposalRejected event) {
        state.moveTo(ProposalStatus.REJECTED);
    }

    @EventSourcingHandler
    void on(ProposalExpired event) {
        state.moveTo(ProposalStatus.EXPIRED);
    }

    @EventSourcingHandler
    void on(WithdrawalExecutionStarted event) {
        state.moveTo(ProposalStatus.EXECUTING);
    }

    @EventSourcingHandler
    void on(WithdrawalCompleted event) {
        state.moveTo(ProposalStatus.COMPLETED);
    }

    @EventSourcingHandler
    void on(WithdrawalFailed event) {
        state.moveTo(ProposalStatus.FAILED);
    }
}
