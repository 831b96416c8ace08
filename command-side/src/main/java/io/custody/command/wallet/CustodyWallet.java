package io.custody.command.wallet;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.custody.api.deposit.ConfirmDeposit;
import io.custody.api.deposit.DepositConfirmed;
import io.custody.api.deposit.DepositId;
import io.custody.api.error.CommandRejectedException;
import io.custody.api.error.ErrorCode;
import io.custody.api.error.Reason;
import io.custody.api.error.Rejection;
import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.AddSigner;
import io.custody.api.wallet.AddWhitelistAddress;
import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.ChangeThreshold;
import io.custody.api.wallet.ChangeWalletStatus;
import io.custody.api.wallet.CreateCustodyWallet;
import io.custody.api.wallet.CustodyWalletCreated;
import io.custody.api.wallet.CustodyWalletRenamed;
import io.custody.api.wallet.DestinationAddress;
import io.custody.api.wallet.OrganisationId;
import io.custody.api.wallet.RemoveSigner;
import io.custody.api.wallet.RemoveWhitelistAddress;
import io.custody.api.wallet.RenameCustodyWallet;
import io.custody.api.wallet.SetWithdrawalDelay;
import io.custody.api.wallet.SetWithdrawalLimits;
import io.custody.api.wallet.SignerAdded;
import io.custody.api.wallet.SignerAddress;
import io.custody.api.wallet.SignerRemoved;
import io.custody.api.wallet.Threshold;
import io.custody.api.wallet.ThresholdChanged;
import io.custody.api.wallet.TokenLimits;
import io.custody.api.wallet.WalletId;
import io.custody.api.wallet.WalletStatus;
import io.custody.api.wallet.WalletStatusChanged;
import io.custody.api.wallet.WhitelistAddressAdded;
import io.custody.api.wallet.WhitelistAddressRemoved;
import io.custody.api.wallet.WithdrawalDelaySet;
import io.custody.api.wallet.WithdrawalLimitsSet;
import io.custody.api.withdrawal.ApproveProposal;
import io.custody.api.withdrawal.CompleteWithdrawal;
import io.custody.api.withdrawal.Decision;
import io.custody.api.withdrawal.FailWithdrawal;
import io.custody.api.withdrawal.LimitBreach;
import io.custody.api.withdrawal.ProposalApproved;
import io.custody.api.withdrawal.ProposalExpired;
import io.custody.api.withdrawal.ProposalId;
import io.custody.api.withdrawal.ProposalReady;
import io.custody.api.withdrawal.ProposalRejected;
import io.custody.api.withdrawal.ProposalRejectionCast;
import io.custody.api.withdrawal.ProposalStatus;
import io.custody.api.withdrawal.ProposeWithdrawal;
import io.custody.api.withdrawal.RejectProposal;
import io.custody.api.withdrawal.SignerSignature;
import io.custody.api.withdrawal.StartWithdrawalExecution;
import io.custody.api.withdrawal.WithdrawalCompleted;
import io.custody.api.withdrawal.WithdrawalDelayElapsed;
import io.custody.api.withdrawal.WithdrawalExecutionStarted;
import io.custody.api.withdrawal.WithdrawalFailed;
import io.custody.api.withdrawal.WithdrawalProposed;
import io.custody.command.common.Rejections;
import io.custody.command.withdrawal.ProposalState;
import io.custody.command.withdrawal.ProposalVoting;
import io.custody.command.withdrawal.VoteOutcome;
import io.custody.command.withdrawal.WithdrawalLimitPolicy;
import io.custody.command.withdrawal.WithdrawalLimitPolicy.CountedWithdrawal;
import io.custody.command.withdrawal.signature.ProposalSignatures;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A custody wallet and everything that must be decided consistently with its balance: signer set and threshold (seed
 * Property 1), policy (delay, limits, whitelist, status), confirmed deposits, the per-wallet nonce (Property 2) and
 * its withdrawal proposals with their votes, limits, delay and expiry (Properties 3, 9, 10, 11, 15). Proposals are
 * kept inside the wallet so that a balance check and the reservation it leads to are one decision (ADR workflow-010).
 * Creation is idempotent: a repeated creation command with the same id and content is acknowledged without a new event.
 */
@Aggregate
public class CustodyWallet {

    static final String PROPOSAL_EXPIRY = "proposal-expiry";
    static final String WITHDRAWAL_DELAY = "withdrawal-delay";
    /** More than a year of delay is never a policy, always a typing mistake. */
    static final int MAX_DELAY_HOURS = 24 * 366;

    @AggregateIdentifier
    private WalletId walletId;
    private OrganisationId organisation;
    private String name;
    private List<SignerAddress> signers;
    private Threshold threshold;
    private ChainFamily chainFamily;
    private WalletStatus status = WalletStatus.ACTIVE;
    private int delayHours;
    private final Map<TokenId, TokenLimits> limits = new HashMap<>();
    private final Set<DestinationAddress> whitelist = new LinkedHashSet<>();
    private final Balances balances = new Balances();
    private final Set<DepositId> deposits = new HashSet<>();
    private final Map<ProposalId, ProposalState> proposals = new HashMap<>();
    private long lastNonce;

    protected CustodyWallet() {
        // required by Axon to rebuild the aggregate from its events
    }

    // ----- creation and name -----

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public WalletId handle(CreateCustodyWallet command, Clock clock) {
        if (walletId != null) {
            if (!sameContent(command)) {
                throw new CommandRejectedException(new Rejection(ErrorCode.IDEMPOTENCY_CONFLICT,
                        "wallet " + walletId + " already exists with different content", Map.of()));
            }
            return walletId;
        }
        Map<String, List<String>> violations = WalletCreationRules.violations(command);
        if (!violations.isEmpty()) {
            throw new CommandRejectedException(
                    new Rejection(ErrorCode.VALIDATION_ERROR, "Invalid custody wallet", violations));
        }
        apply(new CustodyWalletCreated(command.walletId(), command.organisation(), command.name().strip(),
                command.signers(), new Threshold(command.threshold()), command.chainFamily(), clock.instant()));
        return command.walletId();
    }

    @CommandHandler
    public void handle(RenameCustodyWallet command, Clock clock) {
        List<String> problems = WalletCreationRules.nameViolations(command.name());
        if (!problems.isEmpty()) {
            throw new CommandRejectedException(
                    new Rejection(ErrorCode.VALIDATION_ERROR, "Invalid wallet name", Map.of("name", problems)));
        }
        String newName = command.name().strip();
        if (!newName.equals(name)) {
            apply(new CustodyWalletRenamed(walletId, newName, clock.instant()));
        }
    }

    private boolean sameContent(CreateCustodyWallet command) {
        return organisation.equals(command.organisation())
                && name.equals(command.name() == null ? null : command.name().strip())
                && signers.equals(command.signers())
                && threshold.value() == command.threshold()
                && chainFamily == command.chainFamily();
    }

    // ----- policy -----

    @CommandHandler
    public void handle(SetWithdrawalDelay command, Clock clock) {
        requireNotClosed();
        if (command.hours() < 0 || command.hours() > MAX_DELAY_HOURS) {
            throw Rejections.invalid("Invalid withdrawal delay", "hours", "must be from 0 to " + MAX_DELAY_HOURS);
        }
        if (command.hours() != delayHours) {
            apply(new WithdrawalDelaySet(walletId, command.hours(), clock.instant()));
        }
    }

    @CommandHandler
    public void handle(SetWithdrawalLimits command, Clock clock) {
        requireNotClosed();
        if (command.token() == null) {
            throw Rejections.invalid("Invalid withdrawal limits", "token", "is required");
        }
        TokenLimits next = command.limits() == null ? TokenLimits.NONE : command.limits();
        Map<String, List<String>> errors = LimitRules.violations(next);
        if (!errors.isEmpty()) {
            throw Rejections.invalid("Invalid withdrawal limits", errors);
        }
        if (!next.equals(limits.getOrDefault(command.token(), TokenLimits.NONE))) {
            apply(new WithdrawalLimitsSet(walletId, command.token(), next, clock.instant()));
        }
    }

    @CommandHandler
    public void handle(AddWhitelistAddress command, Clock clock) {
        requireNotClosed();
        requireOwnFamily(command.address());
        if (!whitelist.contains(command.address())) {
            apply(new WhitelistAddressAdded(walletId, command.address(), clock.instant()));
        }
    }

    @CommandHandler
    public void handle(RemoveWhitelistAddress command, Clock clock) {
        requireNotClosed();
        requireOwnFamily(command.address());
        if (whitelist.contains(command.address())) {
            apply(new WhitelistAddressRemoved(walletId, command.address(), clock.instant()));
        }
    }

    @CommandHandler
    public void handle(ChangeWalletStatus command, Clock clock) {
        if (command.status() == null) {
            throw Rejections.invalid("Invalid wallet status", "status", "is required");
        }
        if (command.status() == status) {
            return;
        }
        if (status == WalletStatus.CLOSED) {
            throw Rejections.because(Reason.GENERIC_CONFLICT, "wallet " + walletId + " is closed; closing is final");
        }
        String reason = command.reason() == null ? "" : command.reason().strip();
        if (reason.length() > 500) {
            throw Rejections.invalid("Invalid wallet status", "reason", "must be at most 500 characters");
        }
        apply(new WalletStatusChanged(walletId, status, command.status(), reason, clock.instant()));
    }

    @CommandHandler
    public void handle(AddSigner command, Clock clock) {
        requireNotClosed();
        if (command.signer() != null && signers.contains(command.signer())) {
            return;
        }
        List<SignerAddress> next = new ArrayList<>(signers);
        next.add(command.signer());
        requireSignerSet(next, threshold.value());
        apply(new SignerAdded(walletId, command.signer(), clock.instant()));
    }

    @CommandHandler
    public void handle(RemoveSigner command, Clock clock) {
        requireNotClosed();
        if (command.signer() == null || !signers.contains(command.signer())) {
            throw Rejections.because(Reason.GENERIC_NOT_FOUND, command.signer() + " is not a signer of wallet " + walletId);
        }
        List<SignerAddress> next = new ArrayList<>(signers);
        next.remove(command.signer());
        requireSignerSet(next, threshold.value());
        apply(new SignerRemoved(walletId, command.signer(), clock.instant()));
    }

    @CommandHandler
    public void handle(ChangeThreshold command, Clock clock) {
        requireNotClosed();
        if (command.threshold() == threshold.value()) {
            return;
        }
        requireSignerSet(signers, command.threshold());
        apply(new ThresholdChanged(walletId, threshold, new Threshold(command.threshold()), clock.instant()));
    }

    private void requireSignerSet(List<SignerAddress> candidate, int candidateThreshold) {
        Map<String, List<String>> errors = SignerSetPolicy.violations(candidate, candidateThreshold, chainFamily);
        if (!errors.isEmpty()) {
            throw Rejections.invalid("The change would break the signer rules", errors);
        }
    }

    private void requireNotClosed() {
        if (status == WalletStatus.CLOSED) {
            throw Rejections.because(Reason.GENERIC_CONFLICT, "wallet " + walletId + " is closed");
        }
    }

    private void requireOwnFamily(DestinationAddress address) {
        if (address == null || address.family() != chainFamily) {
            throw Rejections.invalid("Invalid address", "address", "must be an " + chainFamily + " address");
        }
    }

    // ----- deposits -----

    @CommandHandler
    public void handle(ConfirmDeposit command, Clock clock) {
        if (command.depositId() == null || command.token() == null || command.amount() == null
                || command.amount().isZero()) {
            throw Rejections.invalid("Invalid deposit", "deposit", "needs an id, a token and an amount above zero");
        }
        if (deposits.contains(command.depositId())) {
            return;
        }
        // a closed wallet still receives what the chain sends it; the gateway cannot refuse a transfer
        apply(new DepositConfirmed(walletId, command.depositId(), command.token(), command.amount(), clock.instant()));
    }

    // ----- withdrawal proposals -----

    @CommandHandler
    public ProposalId handle(ProposeWithdrawal command, Clock clock, DeadlineManager deadlines) {
        ProposalState existing = command.proposalId() == null ? null : proposals.get(command.proposalId());
        if (existing != null) {
            if (!sameProposal(existing.opened(), command)) {
                throw Rejections.because(Reason.IDEMPOTENCY_KEY_REUSED, 
                        "proposal " + command.proposalId() + " already exists with different content");
            }
            return command.proposalId();
        }
        if (!status.acceptsProposals()) {
            throw Rejections.because(Reason.GENERIC_CONFLICT, "wallet " + walletId + " is " + status + " and accepts no new proposals");
        }
        if (command.proposer() == null || !signers.contains(command.proposer())) {
            throw Rejections.because(Reason.NOT_A_SIGNER, "only a signer of wallet " + walletId + " may propose a withdrawal");
        }
        Instant now = clock.instant();
        Instant expiresAt = command.expiresAt() == null ? null : command.expiresAt().truncatedTo(ChronoUnit.SECONDS);
        ProposeWithdrawal normalised = new ProposeWithdrawal(command.walletId(), command.proposalId(),
                command.proposer(), command.to(), command.token(), command.amount(), expiresAt,
                command.proposerSignature());
        Amount available = command.token() == null ? Amount.ZERO : available(command.token());
        Map<String, List<String>> errors = ProposalRules.violations(normalised, chainFamily, whitelist, available, now);
        if (!errors.isEmpty()) {
            throw Rejections.invalid("Invalid withdrawal proposal", errors);
        }
        // Property 9: the proposer proves to be the signer it names (checked once the fields are known to be sound)
        ProposalSignatures.problem(command.proposer(), command.proposerSignature(), normalised.requestPayload())
                .ifPresent(problem -> {
                    throw Rejections.because(Reason.SIGNATURE_INVALID, "The proposer's signature does not verify", "proposerSignature",
                            problem);
                });
        List<LimitBreach> breaches = WithdrawalLimitPolicy.breaches(limits.get(command.token()), counted(),
                command.token(), command.amount(), now);
        int required = WithdrawalLimitPolicy.requiredApprovals(threshold.value(), signers.size(), breaches);
        apply(new WithdrawalProposed(walletId, command.proposalId(), lastNonce + 1, command.proposer(), command.to(),
                command.token(), command.amount(), signers, threshold, required, breaches, delayHours, expiresAt, now,
                command.proposerSignature()));
        deadlines.schedule(expiresAt, PROPOSAL_EXPIRY, command.proposalId());
        return command.proposalId();
    }

    @CommandHandler
    public void handle(ApproveProposal command, Clock clock, DeadlineManager deadlines, DelayUnit unit) {
        vote(command.proposalId(), command.signer(), command.signature(), Decision.APPROVE, null, clock, deadlines,
                unit);
    }

    @CommandHandler
    public void handle(RejectProposal command, Clock clock, DeadlineManager deadlines, DelayUnit unit) {
        String reason = command.reason() == null ? "" : command.reason().strip();
        if (reason.length() > 500) {
            throw Rejections.invalid("Invalid rejection", "reason", "must be at most 500 characters");
        }
        vote(command.proposalId(), command.signer(), command.signature(), Decision.REJECT, reason, clock, deadlines,
                unit);
    }

    private void vote(ProposalId proposalId, SignerAddress signer, SignerSignature signature, Decision decision,
                      String reason, Clock clock, DeadlineManager deadlines, DelayUnit unit) {
        ProposalState proposal = proposal(proposalId);
        if (signer == null || !proposal.opened().signers().contains(signer)) {
            throw Rejections.because(Reason.NOT_A_SIGNER, "only a signer of the proposal may " + decision.word() + " it");
        }
        ProposalSignatures.problem(signer, signature, proposal.payload(), decision).ifPresent(problem -> {
            throw Rejections.because(Reason.SIGNATURE_INVALID, "The signature does not verify", "signature", problem);
        });
        Instant now = clock.instant();
        if (proposal.status() == ProposalStatus.PENDING && !now.isBefore(proposal.opened().expiresAt())) {
            // The deadline may fire a little late; a vote after expiry must not count. The refusal rolls this unit
            // of work back, so the expiry itself is left to the deadline.
            throw Rejections.because(Reason.GENERIC_CONFLICT, "proposal " + proposalId + " expired at " + proposal.opened().expiresAt());
        }
        VoteOutcome outcome = ProposalVoting.decide(proposal, signer, decision);
        if (outcome instanceof VoteOutcome.NotASigner) {
            throw Rejections.because(Reason.NOT_A_SIGNER, "only a signer of the proposal may vote");
        }
        if (outcome instanceof VoteOutcome.ConflictsWithEarlierVote) {
            throw Rejections.because(Reason.GENERIC_CONFLICT, signer + " already voted the other way on proposal " + proposalId);
        }
        if (outcome instanceof VoteOutcome.Closed closed) {
            throw Rejections.because(Reason.GENERIC_CONFLICT, "proposal " + proposalId + " is " + closed.status() + " and takes no votes");
        }
        if (outcome instanceof VoteOutcome.Recorded recorded) {
            if (decision == Decision.APPROVE) {
                apply(new ProposalApproved(walletId, proposalId, signer, signature, now));
            } else {
                apply(new ProposalRejectionCast(walletId, proposalId, signer, signature, reason, now));
            }
            if (recorded.next() == ProposalStatus.READY) {
                becomeReady(proposal, now, deadlines, unit);
            } else if (recorded.next() == ProposalStatus.REJECTED) {
                apply(new ProposalRejected(walletId, proposalId, now));
            }
        }
        // AlreadyRecorded: the same vote again changes nothing (seed Property 3)
    }

    private void becomeReady(ProposalState proposal, Instant now, DeadlineManager deadlines, DelayUnit unit) {
        ProposalId id = proposal.opened().proposalId();
        Instant executableAfter = now.plus(unit.times(proposal.opened().delayHours()));
        apply(new ProposalReady(walletId, id, executableAfter, now));
        if (proposal.opened().delayHours() == 0) {
            apply(new WithdrawalDelayElapsed(walletId, id, now));
        } else {
            deadlines.schedule(executableAfter, WITHDRAWAL_DELAY, id);
        }
    }

    @DeadlineHandler(deadlineName = PROPOSAL_EXPIRY)
    void expire(ProposalId proposalId, Clock clock) {
        ProposalState proposal = proposals.get(proposalId);
        if (proposal != null && proposal.status() == ProposalStatus.PENDING) {
            apply(new ProposalExpired(walletId, proposalId, clock.instant()));
        }
    }

    @DeadlineHandler(deadlineName = WITHDRAWAL_DELAY)
    void delayElapsed(ProposalId proposalId, Clock clock) {
        ProposalState proposal = proposals.get(proposalId);
        if (proposal != null && proposal.status() == ProposalStatus.READY && !proposal.delayElapsed()) {
            apply(new WithdrawalDelayElapsed(walletId, proposalId, clock.instant()));
        }
    }

    @CommandHandler
    public void handle(StartWithdrawalExecution command, Clock clock) {
        ProposalState proposal = proposal(command.proposalId());
        if (proposal.status() == ProposalStatus.EXECUTING) {
            return;
        }
        if (proposal.status() != ProposalStatus.READY || !proposal.delayElapsed()) {
            throw Rejections.because(Reason.GENERIC_CONFLICT, "proposal " + command.proposalId() + " is " + proposal.status()
                    + (proposal.status() == ProposalStatus.READY ? " but its withdrawal delay has not elapsed" : ""));
        }
        apply(new WithdrawalExecutionStarted(walletId, command.proposalId(), clock.instant()));
    }

    @CommandHandler
    public void handle(CompleteWithdrawal command, Clock clock) {
        ProposalState proposal = proposal(command.proposalId());
        if (proposal.status() == ProposalStatus.COMPLETED) {
            return;
        }
        if (proposal.status() != ProposalStatus.EXECUTING) {
            throw Rejections.because(Reason.GENERIC_CONFLICT, "proposal " + command.proposalId() + " is " + proposal.status() + ", not EXECUTING");
        }
        apply(new WithdrawalCompleted(walletId, command.proposalId(), command.transactionHash(), clock.instant()));
    }

    @CommandHandler
    public void handle(FailWithdrawal command, Clock clock) {
        ProposalState proposal = proposal(command.proposalId());
        if (proposal.status() == ProposalStatus.FAILED) {
            return;
        }
        if (proposal.status() != ProposalStatus.EXECUTING) {
            throw Rejections.because(Reason.GENERIC_CONFLICT, "proposal " + command.proposalId() + " is " + proposal.status() + ", not EXECUTING");
        }
        apply(new WithdrawalFailed(walletId, command.proposalId(), command.reason(), clock.instant()));
    }

    private ProposalState proposal(ProposalId proposalId) {
        ProposalState proposal = proposalId == null ? null : proposals.get(proposalId);
        if (proposal == null) {
            throw Rejections.because(Reason.GENERIC_NOT_FOUND, "No proposal " + proposalId + " in wallet " + walletId);
        }
        return proposal;
    }

    private Amount available(TokenId token) {
        Amount reserved = Amount.ZERO;
        for (ProposalState p : proposals.values()) {
            if (p.holdsReservation() && p.opened().token().equals(token)) {
                reserved = reserved.plus(p.opened().amount());
            }
        }
        return balances.available(token, reserved);
    }

    private List<CountedWithdrawal> counted() {
        List<CountedWithdrawal> counted = new ArrayList<>();
        for (ProposalState p : proposals.values()) {
            if (p.countsTowardsLimits()) {
                counted.add(new CountedWithdrawal(p.opened().token(), p.opened().amount(), p.opened().proposedAt()));
            }
        }
        return counted;
    }

    private static boolean sameProposal(WithdrawalProposed opened, ProposeWithdrawal command) {
        return opened.proposer().equals(command.proposer())
                && opened.to().equals(command.to())
                && opened.token().equals(command.token())
                && opened.amount().equals(command.amount())
                && command.expiresAt() != null
                && opened.expiresAt().equals(command.expiresAt().truncatedTo(ChronoUnit.SECONDS));
    }

    // ----- evolution -----

    @EventSourcingHandler
    void on(CustodyWalletCreated event) {
        walletId = event.walletId();
        organisation = event.organisation();
        name = event.name();
        signers = event.signers();
        threshold = event.threshold();
        chainFamily = event.chainFamily();
    }

    @EventSourcingHandler
    void on(CustodyWalletRenamed event) {
        name = event.name();
    }

    @EventSourcingHandler
    void on(WithdrawalDelaySet event) {
        delayHours = event.hours();
    }

    @EventSourcingHandler
    void on(WithdrawalLimitsSet event) {
        if (event.limits().equals(TokenLimits.NONE)) {
            limits.remove(event.token());
        } else {
            limits.put(event.token(), event.limits());
        }
    }

    @EventSourcingHandler
    void on(WhitelistAddressAdded event) {
        whitelist.add(event.address());
    }

    @EventSourcingHandler
    void on(WhitelistAddressRemoved event) {
        whitelist.remove(event.address());
    }

    @EventSourcingHandler
    void on(WalletStatusChanged event) {
        status = event.to();
    }

    @EventSourcingHandler
    void on(SignerAdded event) {
        List<SignerAddress> next = new ArrayList<>(signers);
        next.add(event.signer());
        signers = List.copyOf(next);
    }

    @EventSourcingHandler
    void on(SignerRemoved event) {
        List<SignerAddress> next = new ArrayList<>(signers);
        next.remove(event.signer());
        signers = List.copyOf(next);
    }

    @EventSourcingHandler
    void on(ThresholdChanged event) {
        threshold = event.to();
    }

    @EventSourcingHandler
    void on(DepositConfirmed event) {
        deposits.add(event.depositId());
        balances.credit(event.token(), event.amount());
    }

    @EventSourcingHandler
    void on(WithdrawalProposed event) {
        lastNonce = event.nonce();
        proposals.put(event.proposalId(), new ProposalState(event));
    }

    @EventSourcingHandler
    void on(ProposalApproved event) {
        proposals.get(event.proposalId()).record(event.signer(), Decision.APPROVE);
    }

    @EventSourcingHandler
    void on(ProposalRejectionCast event) {
        proposals.get(event.proposalId()).record(event.signer(), Decision.REJECT);
    }

    @EventSourcingHandler
    void on(ProposalReady event) {
        proposals.get(event.proposalId()).becomeReady(event.executableAfter());
    }

    @EventSourcingHandler
    void on(WithdrawalDelayElapsed event) {
        proposals.get(event.proposalId()).markDelayElapsed();
    }

    @EventSourcingHandler
    void on(ProposalRejected event) {
        proposals.get(event.proposalId()).moveTo(ProposalStatus.REJECTED);
    }

    @EventSourcingHandler
    void on(ProposalExpired event) {
        proposals.get(event.proposalId()).moveTo(ProposalStatus.EXPIRED);
    }

    @EventSourcingHandler
    void on(WithdrawalExecutionStarted event) {
        proposals.get(event.proposalId()).moveTo(ProposalStatus.EXECUTING);
    }

    @EventSourcingHandler
    void on(WithdrawalCompleted event) {
        ProposalState proposal = proposals.get(event.proposalId());
        proposal.moveTo(ProposalStatus.COMPLETED);
        balances.debit(proposal.opened().token(), proposal.opened().amount());
    }

    @EventSourcingHandler
    void on(WithdrawalFailed event) {
        proposals.get(event.proposalId()).moveTo(ProposalStatus.FAILED);
    }
}
