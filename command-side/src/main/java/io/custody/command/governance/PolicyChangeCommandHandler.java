package io.custody.command.governance;

import io.custody.command.withdrawal.signature.SignerEvidence;
import io.custody.api.error.Reason;
import io.custody.api.governance.ApprovePolicyChange;
import io.custody.api.governance.CancelPolicyChange;
import io.custody.api.governance.PolicyChangeId;
import io.custody.api.governance.PolicyChangeProposed;
import io.custody.api.governance.ProposePolicyChange;
import io.custody.api.identity.Caller;
import io.custody.api.identity.CallerKind;
import io.custody.api.identity.MemberId;
import io.custody.api.withdrawal.PasskeyAssertion;
import io.custody.api.withdrawal.SignerSignature;
import io.custody.command.identity.MemberPasskeys;
import io.custody.command.withdrawal.signature.PasskeyApprovals;
import java.util.function.Consumer;
import io.custody.api.wallet.WalletId;
import io.custody.command.common.Rejections;
import io.custody.command.identity.Tenancy;
import io.custody.command.wallet.WalletAccounts;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

/**
 * The commands of a policy change's life. Each runs in one unit of work that loads the change first and then, where
 * the wallet is concerned, the wallet, so the change's events and the wallet's are appended in one transaction. A
 * change is only found through its wallet and the caller's organisation: anything else answers "not found".
 */
public class PolicyChangeCommandHandler {

    private final Supplier<Repository<PolicyChangeProposal>> changes;
    private final WalletAccounts wallets;
    private final Clock clock;
    private final DeadlineManager deadlines;
    private final GovernanceSettings settings;
    private final Supplier<Repository<MemberPasskeys>> memberPasskeys;
    private final PasskeyApprovals passkeyApprovals;

    /** Without passkey signers: every passkey decision is refused. */
    public PolicyChangeCommandHandler(Supplier<Repository<PolicyChangeProposal>> changes, WalletAccounts wallets,
                                      Clock clock, DeadlineManager deadlines, GovernanceSettings settings) {
        this(changes, wallets, clock, deadlines, settings, null, null);
    }

    public PolicyChangeCommandHandler(Supplier<Repository<PolicyChangeProposal>> changes, WalletAccounts wallets,
                                      Clock clock, DeadlineManager deadlines, GovernanceSettings settings,
                                      Supplier<Repository<MemberPasskeys>> memberPasskeys,
                                      PasskeyApprovals passkeyApprovals) {
        this.changes = changes;
        this.wallets = wallets;
        this.clock = clock;
        this.deadlines = deadlines;
        this.settings = settings;
        this.memberPasskeys = memberPasskeys;
        this.passkeyApprovals = passkeyApprovals;
    }

    @CommandHandler
    public PolicyChangeId handle(ProposePolicyChange command,
                                 @MetaDataValue(Caller.ORGANISATION) String callerOrganisation) {
        PolicyChangeId id = command.changeId();
        if (id == null) {
            throw Rejections.because(Reason.MISSING_FIELD, "Invalid policy change", "changeId", "is required");
        }
        Optional<Aggregate<PolicyChangeProposal>> existing = find(id);
        if (existing.isPresent()) {
            if (!Tenancy.visibleTo(callerOrganisation, existing.get().invoke(PolicyChangeProposal::organisation))) {
                // a client-chosen id another organisation already uses: refused as taken, saying no more
                throw Rejections.because(Reason.ID_TAKEN, "policy change id " + id + " is already in use");
            }
            existing.get().execute(change -> change.requireSameRequest(command));
            return id;
        }
        PolicyChangeProposed opened = wallets.openPolicyChange(command, callerOrganisation, clock.instant(),
                settings.timeLock());
        try {
            changes.get().newInstance(() -> new PolicyChangeProposal(opened, deadlines));
        } catch (Exception e) {
            throw new IllegalStateException("could not open policy change " + id, e);
        }
        return id;
    }

    @CommandHandler
    public void handle(ApprovePolicyChange command, @MetaDataValue(Caller.ORGANISATION) String callerOrganisation,
                       @MetaDataValue(Caller.SUBJECT) String callerId, @MetaDataValue(Caller.KIND) String callerKind) {
        Instant now = clock.instant();
        Aggregate<PolicyChangeProposal> change = changeOf(command.walletId(), command.changeId(), callerOrganisation);
        decide(command.signature(), command.passkey(), callerId, callerKind, now, evidence ->
                change.execute(c -> c.approve(command.signer(), evidence, now, deadlines, wallets)));
    }

    @CommandHandler
    public void handle(CancelPolicyChange command, @MetaDataValue(Caller.ORGANISATION) String callerOrganisation,
                       @MetaDataValue(Caller.SUBJECT) String callerId, @MetaDataValue(Caller.KIND) String callerKind) {
        Instant now = clock.instant();
        Aggregate<PolicyChangeProposal> change = changeOf(command.walletId(), command.changeId(), callerOrganisation);
        if (command.signer() == null && command.signature() == null && command.passkey() == null) {
            change.execute(c -> c.cancel(null, (SignerEvidence) null, now)); // an administrator's (role checked)
            return;
        }
        decide(command.signature(), command.passkey(), callerId, callerKind, now, evidence ->
                change.execute(c -> c.cancel(command.signer(), evidence, now)));
    }

    /**
     * Runs {@code decision} with the evidence the command carries: a key's signature, or a passkey assertion made with
     * one of the calling member's own active passkeys, whose use (counter) is recorded in the same unit of work
     * (ADR identity-003). A counter that did not advance refuses the whole command.
     */
    private void decide(SignerSignature signature, PasskeyAssertion passkey, String callerId, String callerKind,
                        Instant now, Consumer<SignerEvidence> decision) {
        if (passkey == null) {
            decision.accept(new SignerEvidence.KeySignature(signature));
            return;
        }
        if (signature != null) {
            throw Rejections.invalid("Invalid decision", "signature", "must be absent when a passkey assertion is given");
        }
        Aggregate<MemberPasskeys> member = callersPasskeys(callerId, callerKind);
        MemberPasskeys.ApprovalKey key = member.invoke(m -> m.approvalKey(passkey.credentialId()))
                .orElseThrow(() -> Rejections.because(Reason.SIGNATURE_INVALID, "The assertion does not verify",
                        "assertion", "was not made with an active passkey of the caller"));
        SignerEvidence.Passkey evidence = new SignerEvidence.Passkey(passkey, key, passkeyApprovals);
        decision.accept(evidence);
        PasskeyApprovals.Verified verified = evidence.verified().orElseThrow(); // the change refuses unverified ones
        if (!member.invoke(m -> m.recordVoteUse(passkey.credentialId(), verified.signatureCount(),
                verified.backedUp(), now))) {
            // refusing rolls back the decision recorded above: nothing of this command stays
            throw Rejections.because(Reason.SIGNATURE_INVALID, "The assertion does not verify", "assertion",
                    "carries a signature counter that did not advance (a cloned authenticator?)");
        }
    }

    private Aggregate<MemberPasskeys> callersPasskeys(String callerId, String callerKind) {
        if (memberPasskeys == null || passkeyApprovals == null) {
            throw Rejections.because(Reason.SIGNATURE_INVALID, "The assertion does not verify", "assertion",
                    "passkey signers are not configured on this server");
        }
        if (callerId == null || !CallerKind.MEMBER.name().equals(callerKind)) {
            throw Rejections.because(Reason.MEMBER_REQUIRED, "Only a member decides with a passkey");
        }
        try {
            return memberPasskeys.get().load(MemberId.parse(callerId).toString());
        } catch (AggregateNotFoundException | IllegalArgumentException e) {
            throw Rejections.because(Reason.SIGNATURE_INVALID, "The assertion does not verify", "assertion",
                    "was not made with an active passkey of the caller");
        }
    }

    /** The change, if it is in {@code walletId} and visible to the caller's organisation; else "no such change". */
    private Aggregate<PolicyChangeProposal> changeOf(WalletId walletId, PolicyChangeId changeId,
                                                     String callerOrganisation) {
        Optional<Aggregate<PolicyChangeProposal>> found = changeId == null ? Optional.empty() : find(changeId);
        if (found.isEmpty() || !found.get().invoke(change -> change.belongsTo(walletId)
                && Tenancy.visibleTo(callerOrganisation, change.organisation()))) {
            throw Rejections.because(Reason.POLICY_CHANGE_NOT_FOUND,
                    "No policy change " + changeId + " in wallet " + walletId);
        }
        return found.get();
    }

    private Optional<Aggregate<PolicyChangeProposal>> find(PolicyChangeId changeId) {
        try {
            return Optional.of(changes.get().load(changeId.toString()));
        } catch (AggregateNotFoundException e) {
            return Optional.empty();
        }
    }
}
