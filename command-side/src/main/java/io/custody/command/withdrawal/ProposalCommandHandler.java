package io.custody.command.withdrawal;

import io.custody.command.withdrawal.signature.SignerEvidence;
import io.custody.api.error.Reason;
import io.custody.api.wallet.SignerAddress;
import io.custody.api.wallet.WalletId;
import io.custody.api.withdrawal.ApproveProposal;
import io.custody.api.withdrawal.CompleteWithdrawal;
import io.custody.api.withdrawal.Decision;
import io.custody.api.withdrawal.FailWithdrawal;
import io.custody.api.withdrawal.ProposalId;
import io.custody.api.withdrawal.ProposalStatus;
import io.custody.api.withdrawal.ProposeContractCall;
import io.custody.api.withdrawal.ProposeWithdrawal;
import io.custody.api.withdrawal.RejectProposal;
import io.custody.api.withdrawal.SignerSignature;
import io.custody.api.withdrawal.StartWithdrawalExecution;
import io.custody.api.withdrawal.WithdrawalProposed;
import io.custody.command.common.Rejections;
import io.custody.command.identity.Tenancy;
import io.custody.api.identity.Caller;
import io.custody.api.identity.CallerKind;
import io.custody.api.identity.MemberId;
import io.custody.api.withdrawal.PasskeyAssertion;
import io.custody.command.identity.MemberPasskeys;
import io.custody.command.withdrawal.signature.PasskeyApprovals;
import org.axonframework.messaging.annotation.MetaDataValue;
import io.custody.command.wallet.DelayUnit;
import io.custody.command.wallet.WalletAccounts;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

/**
 * The commands of a withdrawal proposal's life. Each runs in one unit of work that loads the proposal first and then,
 * where money is concerned, its wallet, so the proposal's event and the wallet's reservation change are appended in
 * one transaction (ADR 013). A proposal is only found through the wallet it belongs to: another wallet's proposal id
 * answers "not found", whatever it is.
 */
public class ProposalCommandHandler {

    private final Supplier<Repository<WithdrawalProposal>> proposals;
    private final WalletAccounts wallets;
    private final Clock clock;
    private final DeadlineManager deadlines;
    private final DelayUnit unit;
    private final Supplier<Repository<MemberPasskeys>> memberPasskeys;
    private final PasskeyApprovals passkeyApprovals;

    /** Without passkey signers: every passkey vote is refused. */
    public ProposalCommandHandler(Supplier<Repository<WithdrawalProposal>> proposals, WalletAccounts wallets,
                                  Clock clock, DeadlineManager deadlines, DelayUnit unit) {
        this(proposals, wallets, clock, deadlines, unit, null, null);
    }

    public ProposalCommandHandler(Supplier<Repository<WithdrawalProposal>> proposals, WalletAccounts wallets,
                                  Clock clock, DeadlineManager deadlines, DelayUnit unit,
                                  Supplier<Repository<MemberPasskeys>> memberPasskeys,
                                  PasskeyApprovals passkeyApprovals) {
        this.proposals = proposals;
        this.wallets = wallets;
        this.clock = clock;
        this.deadlines = deadlines;
        this.unit = unit;
        this.memberPasskeys = memberPasskeys;
        this.passkeyApprovals = passkeyApprovals;
    }

    @CommandHandler
    public ProposalId handle(ProposeWithdrawal command,
                             @MetaDataValue(Caller.ORGANISATION) String callerOrganisation) {
        return propose(command.proposalId(), "Invalid withdrawal proposal", callerOrganisation,
                proposal -> proposal.requireSameRequest(command),
                () -> wallets.reserve(command, callerOrganisation, clock.instant()));
    }

    @CommandHandler
    public ProposalId handle(ProposeContractCall command,
                             @MetaDataValue(Caller.ORGANISATION) String callerOrganisation) {
        return propose(command.proposalId(), "Invalid contract call", callerOrganisation,
                proposal -> proposal.requireSameRequest(command),
                () -> wallets.reserve(command, callerOrganisation, clock.instant()));
    }

    /**
     * A repeated request (same id) answers the existing proposal when {@code sameRequest} accepts it; a new id opens
     * the proposal its wallet decides ({@code reserve}) in this unit of work.
     */
    private ProposalId propose(ProposalId id, String invalid, String callerOrganisation,
                               java.util.function.Consumer<WithdrawalProposal> sameRequest,
                               Supplier<WithdrawalProposed> reserve) {
        if (id == null) {
            throw Rejections.invalid(invalid, "proposalId", "is required");
        }
        Optional<Aggregate<WithdrawalProposal>> existing = find(id);
        if (existing.isPresent()) {
            if (!Tenancy.visibleTo(callerOrganisation, existing.get().invoke(WithdrawalProposal::organisation))) {
                // a client-chosen id another organisation already uses (ADR 014): refused as taken, saying no more
                throw Rejections.because(Reason.ID_TAKEN, "proposal id " + id + " is already in use");
            }
            existing.get().execute(sameRequest);
            return id;
        }
        WithdrawalProposed opened = reserve.get();
        try {
            proposals.get().newInstance(() -> new WithdrawalProposal(opened, deadlines));
        } catch (Exception e) {
            throw new IllegalStateException("could not open proposal " + id, e);
        }
        return id;
    }

    @CommandHandler
    public void handle(ApproveProposal command, @MetaDataValue(Caller.ORGANISATION) String callerOrganisation,
                       @MetaDataValue(Caller.SUBJECT) String callerId, @MetaDataValue(Caller.KIND) String callerKind) {
        vote(command.walletId(), command.proposalId(), command.signer(), command.signature(), command.passkey(),
                Decision.APPROVE, null, callerOrganisation, callerId, callerKind);
    }

    @CommandHandler
    public void handle(RejectProposal command, @MetaDataValue(Caller.ORGANISATION) String callerOrganisation,
                       @MetaDataValue(Caller.SUBJECT) String callerId, @MetaDataValue(Caller.KIND) String callerKind) {
        String reason = command.reason() == null ? "" : command.reason().strip();
        if (reason.length() > 500) {
            throw Rejections.invalid("Invalid rejection", "reason", "must be at most 500 characters");
        }
        vote(command.walletId(), command.proposalId(), command.signer(), command.signature(), command.passkey(),
                Decision.REJECT, reason, callerOrganisation, callerId, callerKind);
    }

    private void vote(WalletId walletId, ProposalId proposalId, SignerAddress signer, SignerSignature signature,
                      PasskeyAssertion passkey, Decision decision, String reason, String callerOrganisation,
                      String callerId, String callerKind) {
        Instant now = clock.instant();
        Aggregate<WithdrawalProposal> proposal = proposalOf(walletId, proposalId, callerOrganisation);
        if (passkey == null) {
            Optional<ProposalStatus> ended = proposal.invoke(p -> p.vote(signer, new SignerEvidence.KeySignature(signature),
                    decision, reason, now, deadlines, unit));
            ended.ifPresent(outcome -> wallets.release(walletId, proposalId, outcome, now));
            return;
        }
        if (signature != null) {
            throw Rejections.invalid("Invalid vote", "signature", "must be absent when a passkey assertion is given");
        }
        // The passkey must be one of the caller's own active passkeys: another member's (or another organisation's)
        // passkey, a revoked one or an unknown one is no evidence of this caller's vote (ADR identity-003).
        Aggregate<MemberPasskeys> member = callersPasskeys(callerId, callerKind);
        MemberPasskeys.ApprovalKey key = member.invoke(m -> m.approvalKey(passkey.credentialId()))
                .orElseThrow(() -> Rejections.because(Reason.SIGNATURE_INVALID, "The assertion does not verify",
                        "assertion", "was not made with an active passkey of the caller"));
        SignerEvidence.Passkey evidence = new SignerEvidence.Passkey(passkey, key, passkeyApprovals);
        Optional<ProposalStatus> ended = proposal.invoke(p -> p.vote(signer, evidence, decision, reason, now,
                deadlines, unit));
        PasskeyApprovals.Verified verified = evidence.verified().orElseThrow(); // vote() refuses unverified evidence
        if (!member.invoke(m -> m.recordVoteUse(passkey.credentialId(), verified.signatureCount(),
                verified.backedUp(), now))) {
            // refusing rolls back the vote recorded above: nothing of this command stays
            throw Rejections.because(Reason.SIGNATURE_INVALID, "The assertion does not verify", "assertion",
                    "carries a signature counter that did not advance (a cloned authenticator?)");
        }
        ended.ifPresent(outcome -> wallets.release(walletId, proposalId, outcome, now));
    }

    private Aggregate<MemberPasskeys> callersPasskeys(String callerId, String callerKind) {
        if (memberPasskeys == null || passkeyApprovals == null) {
            throw Rejections.because(Reason.SIGNATURE_INVALID, "The assertion does not verify", "assertion",
                    "passkey signers are not configured on this server");
        }
        if (callerId == null || !CallerKind.MEMBER.name().equals(callerKind)) {
            throw Rejections.because(Reason.MEMBER_REQUIRED, "Only a member votes with a passkey");
        }
        try {
            return memberPasskeys.get().load(MemberId.parse(callerId).toString());
        } catch (AggregateNotFoundException | IllegalArgumentException e) {
            throw Rejections.because(Reason.SIGNATURE_INVALID, "The assertion does not verify", "assertion",
                    "was not made with an active passkey of the caller");
        }
    }

    @CommandHandler
    public void handle(StartWithdrawalExecution command) {
        Instant now = clock.instant();
        Aggregate<WithdrawalProposal> proposal = proposalOf(command.walletId(), command.proposalId());
        WalletAccounts.WalletKey key = wallets.key(command.walletId());
        proposal.execute(p -> p.startExecution(key, now));
    }

    @CommandHandler
    public void handle(CompleteWithdrawal command) {
        Instant now = clock.instant();
        if (proposalOf(command.walletId(), command.proposalId())
                .invoke(proposal -> proposal.complete(command.transactionHash(), now))) {
            wallets.settle(command.walletId(), command.proposalId(), command.transactionHash(), command.settled(), now);
        }
    }

    @CommandHandler
    public void handle(FailWithdrawal command) {
        Instant now = clock.instant();
        if (proposalOf(command.walletId(), command.proposalId()).invoke(proposal -> proposal.fail(command.reason(), now))) {
            wallets.release(command.walletId(), command.proposalId(), ProposalStatus.FAILED, now);
        }
    }

    private Aggregate<WithdrawalProposal> proposalOf(WalletId walletId, ProposalId proposalId) {
        return proposalOf(walletId, proposalId, null);
    }

    /** The proposal, if it is in {@code walletId} and visible to the caller's organisation; else "no such proposal". */
    private Aggregate<WithdrawalProposal> proposalOf(WalletId walletId, ProposalId proposalId,
                                                     String callerOrganisation) {
        Optional<Aggregate<WithdrawalProposal>> found = proposalId == null ? Optional.empty() : find(proposalId);
        if (found.isEmpty() || !found.get().invoke(proposal -> proposal.belongsTo(walletId)
                && Tenancy.visibleTo(callerOrganisation, proposal.organisation()))) {
            throw Rejections.because(Reason.PROPOSAL_NOT_FOUND, "No proposal " + proposalId + " in wallet " + walletId);
        }
        return found.get();
    }

    private Optional<Aggregate<WithdrawalProposal>> find(ProposalId proposalId) {
        try {
            return Optional.of(proposals.get().load(proposalId.toString()));
        } catch (AggregateNotFoundException e) {
            return Optional.empty();
        }
    }
}
