package io.custody.command.governance;

import io.custody.command.withdrawal.signature.SignerEvidence;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.custody.api.error.CommandRejectedException;
import io.custody.api.error.Reason;
import io.custody.api.governance.PolicyChangeApplied;
import io.custody.api.governance.PolicyChangeApproved;
import io.custody.api.governance.PolicyChangeCancelled;
import io.custody.api.governance.PolicyChangeExpired;
import io.custody.api.governance.PolicyChangeFailed;
import io.custody.api.governance.PolicyChangeId;
import io.custody.api.governance.PolicyChangeProposed;
import io.custody.api.governance.PolicyChangeScheduled;
import io.custody.api.governance.PolicyChangeSigningPayload;
import io.custody.api.governance.PolicyChangeStatus;
import io.custody.api.governance.PolicyDecision;
import io.custody.api.governance.ProposePolicyChange;
import io.custody.api.wallet.OrganisationId;
import io.custody.api.wallet.SignerAddress;
import io.custody.api.wallet.WalletId;
import io.custody.api.withdrawal.SignerSignature;
import io.custody.command.common.Rejections;
import io.custody.command.wallet.WalletAccounts;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One change of a wallet's policy, from its proposal until it takes effect or ends (ADR identity-020): signer
 * approvals checked against the signer set and threshold it was opened with, the time lock of a loosening change and
 * its expiry as persistent deadlines, and cancellation by a signer or an administrator while it has not taken effect.
 * Its stream is its own, keyed by the client-chosen change id. When it takes effect the wallet applies it in the same
 * unit of work, through the wallet's own rules and events; a refusal of those rules ends the change as failed.
 */
@Aggregate
public class PolicyChangeProposal {

    public static final String EXPIRY = "policy-change-expiry";
    public static final String TIME_LOCK = "policy-change-time-lock";

    @AggregateIdentifier
    private PolicyChangeId changeId;
    private PolicyChangeProposed opened;
    private PolicyChangeStatus status;
    private Set<SignerAddress> approvals = new LinkedHashSet<>();

    protected PolicyChangeProposal() {
        // required by Axon to rebuild the aggregate from its events
    }

    /** Opens the change its wallet decided and schedules its expiry. */
    public PolicyChangeProposal(PolicyChangeProposed proposed, DeadlineManager deadlines) {
        apply(proposed);
        deadlines.schedule(proposed.expiresAt(), EXPIRY, proposed.changeId(), scope(proposed.changeId()));
    }

    public boolean belongsTo(WalletId walletId) {
        return opened.walletId().equals(walletId);
    }

    public OrganisationId organisation() {
        return opened.organisation();
    }

    /** A repeated request returns the change; the same id with other content is refused. */
    public void requireSameRequest(ProposePolicyChange command) {
        if (!opened.walletId().equals(command.walletId())) {
            throw Rejections.because(Reason.ID_TAKEN, "policy change id " + changeId + " is already in use");
        }
        Instant expiresAt = command.expiresAt() == null ? null : command.expiresAt().truncatedTo(ChronoUnit.SECONDS);
        if (!opened.change().equals(command.change()) || !opened.expiresAt().equals(expiresAt)) {
            throw Rejections.because(Reason.IDEMPOTENCY_KEY_REUSED,
                    "policy change " + changeId + " already exists with different content");
        }
    }

    /**
     * Records a signer's approval proven by its signature over this change's own payload. The approval that reaches
     * the required number makes a tightening change take effect at once and schedules a loosening one after the time
     * lock (at once when the time lock is zero). Approving again changes nothing.
     */
    public void approve(SignerAddress signer, SignerSignature signature, Instant now, DeadlineManager deadlines,
                        WalletAccounts wallets) {
        approve(signer, new SignerEvidence.KeySignature(signature), now, deadlines, wallets);
    }

    /** As {@link #approve(SignerAddress, SignerSignature, Instant, DeadlineManager, WalletAccounts)}, any evidence. */
    public void approve(SignerAddress signer, SignerEvidence evidence, Instant now, DeadlineManager deadlines,
                        WalletAccounts wallets) {
        requireEvidence(signer, evidence, PolicyDecision.APPROVE);
        if (approvals.contains(signer)) {
            return; // the same approval again changes nothing
        }
        if (status != PolicyChangeStatus.PENDING) {
            throw Rejections.because(Reason.POLICY_CHANGE_FINAL,
                    "policy change " + changeId + " is " + status + " and takes no approvals");
        }
        if (!now.isBefore(opened.expiresAt())) {
            // the expiry deadline may fire a little late; an approval after the expiry must not count
            throw Rejections.because(Reason.PROPOSAL_EXPIRED,
                    "policy change " + changeId + " expired at " + opened.expiresAt());
        }
        apply(new PolicyChangeApproved(opened.walletId(), changeId, signer, evidence.signature(), now,
                evidence.assertion()));
        if (approvals.size() < opened.requiredApprovals()) {
            return;
        }
        if (opened.tightening() || opened.timeLockSeconds() == 0) {
            takeEffect(now, wallets);
            return;
        }
        Instant effectiveAt = now.plusSeconds(opened.timeLockSeconds());
        apply(new PolicyChangeScheduled(opened.walletId(), changeId, effectiveAt, now));
        deadlines.schedule(effectiveAt, TIME_LOCK, changeId, scope(changeId));
    }

    /**
     * Stops the change before it takes effect: a signer of the change with its signature over the cancel payload,
     * or an administrator ({@code signer} null; the web layer checked the role). Cancelling a cancelled change again
     * changes nothing.
     */
    public void cancel(SignerAddress signer, SignerSignature signature, Instant now) {
        cancel(signer, signer == null && signature == null ? null : new SignerEvidence.KeySignature(signature),
                now);
    }

    /** As {@link #cancel(SignerAddress, SignerSignature, Instant)}; {@code evidence} null for an administrator. */
    public void cancel(SignerAddress signer, SignerEvidence evidence, Instant now) {
        if (signer != null || evidence != null) {
            requireEvidence(signer, evidence, PolicyDecision.CANCEL);
        }
        if (status == PolicyChangeStatus.CANCELLED) {
            return;
        }
        if (status.isFinal()) {
            throw Rejections.because(Reason.POLICY_CHANGE_FINAL,
                    "policy change " + changeId + " is " + status + " and can no longer be cancelled");
        }
        apply(new PolicyChangeCancelled(opened.walletId(), changeId, signer,
                evidence == null ? null : evidence.signature(), now, evidence == null ? null : evidence.assertion()));
    }

    private void requireEvidence(SignerAddress signer, SignerEvidence evidence, PolicyDecision decision) {
        if (signer == null || !opened.signers().contains(signer)) {
            throw Rejections.because(Reason.NOT_A_SIGNER,
                    "only a signer of the wallet when the change was proposed may " + decision.word() + " it");
        }
        Optional<String> problem = evidence == null ? Optional.of("is required")
                : evidence.problem(signer, SignerEvidence.Decided.of(payload(), decision));
        String field = evidence == null ? "signature" : evidence.field();
        problem.ifPresent(p -> {
            throw Rejections.because(Reason.SIGNATURE_INVALID, "The " + field + " does not verify", field, p);
        });
    }

    private PolicyChangeSigningPayload payload() {
        return PolicyChangeSigningPayload.of(opened);
    }

    /**
     * The wallet applies the change now, in this unit of work. A tightening change is judged again first: if the
     * wallet changed since the proposal so that it would now loosen control, one approval is not enough and it fails.
     */
    private void takeEffect(Instant now, WalletAccounts wallets) {
        WalletId walletId = opened.walletId();
        if (opened.tightening() && !wallets.tightens(walletId, opened.change())) {
            apply(new PolicyChangeFailed(walletId, changeId, Reason.QUORUM_REQUIRED.name(), "the wallet changed "
                    + "since the proposal and the change would now loosen control; propose it again", now));
            return;
        }
        try {
            wallets.applyPolicyChange(walletId, opened.change(), now);
        } catch (CommandRejectedException refused) {
            // the wallet's rules check before applying anything: the wallet is unchanged
            apply(new PolicyChangeFailed(walletId, changeId, refused.rejection().reason().name(),
                    refused.rejection().message() + (refused.rejection().details().isEmpty() ? ""
                            : " " + refused.rejection().details()), now));
            return;
        }
        apply(new PolicyChangeApplied(walletId, changeId, now));
    }

    @DeadlineHandler(deadlineName = EXPIRY)
    void expire(PolicyChangeId expiring, Clock clock) {
        if (status == PolicyChangeStatus.PENDING) {
            apply(new PolicyChangeExpired(opened.walletId(), changeId, clock.instant()));
        }
    }

    @DeadlineHandler(deadlineName = TIME_LOCK)
    void timeLockElapsed(PolicyChangeId elapsing, Clock clock, WalletAccounts wallets) {
        if (status == PolicyChangeStatus.SCHEDULED) {
            takeEffect(clock.instant(), wallets);
        }
    }

    private static AggregateScopeDescriptor scope(PolicyChangeId id) {
        return new AggregateScopeDescriptor(PolicyChangeProposal.class.getSimpleName(), id.toString());
    }

    @EventSourcingHandler
    void on(PolicyChangeProposed event) {
        changeId = event.changeId();
        opened = event;
        status = PolicyChangeStatus.PENDING;
    }

    @EventSourcingHandler
    void on(PolicyChangeApproved event) {
        approvals.add(event.signer());
    }

    @EventSourcingHandler
    void on(PolicyChangeScheduled event) {
        status = PolicyChangeStatus.SCHEDULED;
    }

    @EventSourcingHandler
    void on(PolicyChangeApplied event) {
        status = PolicyChangeStatus.APPLIED;
    }

    @EventSourcingHandler
    void on(PolicyChangeCancelled event) {
        status = PolicyChangeStatus.CANCELLED;
    }

    @EventSourcingHandler
    void on(PolicyChangeFailed event) {
        status = PolicyChangeStatus.FAILED;
    }

    @EventSourcingHandler
    void on(PolicyChangeExpired event) {
        status = PolicyChangeStatus.EXPIRED;
    }

    // value equality lets the test fixture find a state change made outside an event-sourcing handler
    @Override
    public boolean equals(Object o) {
        return o instanceof PolicyChangeProposal other && Objects.equals(changeId, other.changeId)
                && Objects.equals(opened, other.opened) && status == other.status
                && approvals.equals(other.approvals);
    }

    @Override
    public int hashCode() {
        return Objects.hash(changeId, status);
    }
}
