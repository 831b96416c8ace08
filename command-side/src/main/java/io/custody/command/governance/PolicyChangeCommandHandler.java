package io.custody.command.governance;

import io.custody.api.error.Reason;
import io.custody.api.governance.ApprovePolicyChange;
import io.custody.api.governance.CancelPolicyChange;
import io.custody.api.governance.PolicyChangeId;
import io.custody.api.governance.PolicyChangeProposed;
import io.custody.api.governance.ProposePolicyChange;
import io.custody.api.identity.Caller;
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

    public PolicyChangeCommandHandler(Supplier<Repository<PolicyChangeProposal>> changes, WalletAccounts wallets,
                                      Clock clock, DeadlineManager deadlines, GovernanceSettings settings) {
        this.changes = changes;
        this.wallets = wallets;
        this.clock = clock;
        this.deadlines = deadlines;
        this.settings = settings;
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
    public void handle(ApprovePolicyChange command, @MetaDataValue(Caller.ORGANISATION) String callerOrganisation) {
        Instant now = clock.instant();
        changeOf(command.walletId(), command.changeId(), callerOrganisation).execute(change ->
                change.approve(command.signer(), command.signature(), now, deadlines, wallets));
    }

    @CommandHandler
    public void handle(CancelPolicyChange command, @MetaDataValue(Caller.ORGANISATION) String callerOrganisation) {
        Instant now = clock.instant();
        changeOf(command.walletId(), command.changeId(), callerOrganisation).execute(change ->
                change.cancel(command.signer(), command.signature(), now));
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
