package io.custody.command.wallet;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.custody.api.deposit.DepositCredited;
import io.custody.api.deposit.DepositId;
import io.custody.api.deposit.DepositReversed;
import io.custody.api.error.Reason;
import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.governance.PolicyChange;
import io.custody.api.governance.PolicyChangeProposed;
import io.custody.api.governance.ProposePolicyChange;
import io.custody.api.wallet.AddSigner;
import io.custody.api.wallet.AddWhitelistAddress;
import io.custody.api.wallet.AllowContract;
import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.ChangeThreshold;
import io.custody.api.wallet.ChangeWalletStatus;
import io.custody.api.wallet.DisallowContract;
import io.custody.api.wallet.RemoveSigner;
import io.custody.api.wallet.RemoveWhitelistAddress;
import io.custody.api.wallet.SetWithdrawalDelay;
import io.custody.api.wallet.SetWithdrawalLimits;
import io.custody.api.wallet.WalletStatus;
import io.custody.command.governance.DirectPolicyCommands;
import io.custody.command.governance.GovernanceSettings;
import io.custody.command.governance.PolicyChangeClassification;
import io.custody.command.governance.PolicyChangeRules;
import io.custody.command.governance.PolicySnapshot;
import java.time.Duration;
import io.custody.api.wallet.CreateCustodyWallet;
import io.custody.api.wallet.CustodyWalletCreated;
import io.custody.api.wallet.CustodyWalletRenamed;
import io.custody.api.wallet.OrganisationId;
import io.custody.api.wallet.ProvisioningStatus;
import io.custody.api.wallet.RenameCustodyWallet;
import io.custody.api.wallet.Threshold;
import io.custody.api.wallet.WalletId;
import io.custody.api.wallet.ContractAllowed;
import io.custody.api.withdrawal.ContractCall;
import io.custody.api.withdrawal.LimitBreach;
import io.custody.api.withdrawal.ProposeContractCall;
import io.custody.api.withdrawal.ProposalId;
import io.custody.api.withdrawal.ProposalStatus;
import io.custody.api.withdrawal.ProposeWithdrawal;
import io.custody.api.withdrawal.ReservationReleased;
import io.custody.api.withdrawal.WithdrawalProposed;
import io.custody.api.withdrawal.WithdrawalReserved;
import io.custody.api.withdrawal.WithdrawalSettled;
import io.custody.command.common.Rejections;
import io.custody.command.wallet.Reservations.Reservation;
import io.custody.command.withdrawal.ProposalRules;
import io.custody.command.withdrawal.WithdrawalLimitPolicy;
import io.custody.command.withdrawal.call.ContractCalls;
import io.custody.command.withdrawal.signature.ProposalSignatures;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import io.custody.api.identity.Caller;
import io.custody.command.identity.Tenancy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A custody wallet: its identity, its signers ({@link WalletSigners}), its policy ({@link WalletPolicy}) and its money
 * (balances and the reservations of open proposals). Everything that must be decided consistently with the balance is
 * decided here: a new proposal is checked and its amount reserved in one step (seed Properties 2, 9, 10, 15), and a
 * reservation is released or settled in the same transaction as the proposal's final event (ADR 013). The proposals
 * themselves, with their votes and deadlines, are {@code WithdrawalProposal} aggregates of their own.
 * Creation is idempotent: a repeated creation command with the same id and content is acknowledged without a new event.
 * A new wallet is pending its key ({@link WalletProvisioning}) and accepts neither proposals nor deposits until the
 * provisioning saga has activated it with its key and address.
 */
@Aggregate(snapshotTriggerDefinition = "walletSnapshotTrigger")
public class CustodyWallet {

    @AggregateIdentifier
    private WalletId walletId;
    private OrganisationId organisation;
    private String name;
    private ChainFamily chainFamily;
    @AggregateMember
    private WalletSigners signers;
    @AggregateMember
    private WalletPolicy policy;
    @AggregateMember
    private WalletProvisioning provisioning;
    private Balances balances = new Balances();
    private Reservations reservations = new Reservations();
    private long lastNonce;
    /** When the wallet was created: its setup window runs from here (ADR identity-020). */
    private Instant createdAt;

    protected CustodyWallet() {
        // required by Axon to rebuild the aggregate from its events
    }

    /**
     * The tenant rule for every command this wallet and its members ({@link WalletSigners}, {@link WalletPolicy})
     * handle: another organisation's caller is told there is no such wallet, in the very words a missing wallet gets.
     */
    @CommandHandlerInterceptor
    Object onlyForItsOrganisation(CommandMessage<?> command, InterceptorChain chain, Clock clock,
                                  GovernanceSettings governance) throws Exception {
        Object caller = command.getMetaData().get(Caller.ORGANISATION);
        if (walletId != null && !Tenancy.visibleTo(caller == null ? null : caller.toString(), organisation)) {
            throw new AggregateNotFoundException(walletId.toString(), "No such resource"); // as a missing one is answered
        }
        if (walletId != null) {
            requireQuorumWhereNeeded(command.getPayload(), clock.instant(), governance);
        }
        return chain.proceed();
    }

    /**
     * The policy commands an administrator sends directly: after the wallet's setup window only those that tighten
     * control are applied; anything else is the quorum's to decide, as a policy change (ADR identity-020). Checked
     * after the tenant rule, so another organisation learns nothing about the wallet from the answer.
     */
    private void requireQuorumWhereNeeded(Object command, Instant now, GovernanceSettings governance) {
        DirectPolicyCommands.asChange(command).ifPresent(change -> {
            if (governance.sealed(createdAt, now) && PolicyChangeClassification.classify(change, policySnapshot())
                    == PolicyChangeClassification.Effect.LOOSENING) {
                // the kind, not the description: a command may lack the values a description names
                throw Rejections.because(Reason.QUORUM_REQUIRED, "wallet " + walletId + " is past its setup window: "
                        + "propose this change (" + change.kind() + ") to its signers with POST /api/v1/wallets/"
                        + walletId + "/policy-changes");
            }
        });
    }

    /** The wallet's signers and policy as they are now, for judging a policy change. */
    public PolicySnapshot policySnapshot() {
        return new PolicySnapshot(signers.signers(), signers.threshold().value(), policy.status(),
                policy.delayHours(), policy.limits(), policy.whitelist(), policy.contracts());
    }

    /**
     * Decides a new policy change of this wallet: its values are checked, and its opening event snapshots who
     * approves it (signers and threshold) and whether it tightens control, judged against the policy as it is now.
     */
    public PolicyChangeProposed openPolicyChange(ProposePolicyChange command, Instant now, Duration timeLock) {
        policy.requireNotClosed();
        Instant expiresAt = command.expiresAt() == null ? null : command.expiresAt().truncatedTo(ChronoUnit.SECONDS);
        PolicyChangeRules.violations(command.change(), chainFamily, expiresAt, now)
                .throwIfAny("Invalid policy change");
        boolean tightening = PolicyChangeClassification.classify(command.change(), policySnapshot())
                == PolicyChangeClassification.Effect.TIGHTENING;
        return new PolicyChangeProposed(walletId, organisation, command.changeId(), command.change(),
                signers.signers(), signers.threshold(), tightening ? 1 : signers.threshold().value(), tightening,
                timeLock.toSeconds(), expiresAt, now);
    }

    /** Whether {@code change} would tighten control of the wallet as it is now. */
    public boolean tightens(PolicyChange change) {
        return PolicyChangeClassification.classify(change, policySnapshot())
                == PolicyChangeClassification.Effect.TIGHTENING;
    }

    /**
     * Applies a policy change its signers approved, through the wallet's own rules and events (SignerAdded,
     * ThresholdChanged, ...), so every read model and the audit log see it as any other change. A refusal of those
     * rules is thrown before any event is applied, and the wallet stays as it was.
     */
    public void applyPolicyChange(PolicyChange change, Instant now) {
        Clock at = Clock.fixed(now, java.time.ZoneOffset.UTC);
        switch (change.kind()) {
            case ADD_SIGNER -> signers.handle(new AddSigner(walletId, change.signer()), at);
            case REMOVE_SIGNER -> signers.handle(new RemoveSigner(walletId, change.signer()), at);
            case CHANGE_THRESHOLD -> signers.handle(new ChangeThreshold(walletId, change.threshold()), at);
            case SET_LIMITS -> policy.handle(new SetWithdrawalLimits(walletId, change.token(), change.limits()), at);
            case ADD_WHITELIST_ADDRESS -> policy.handle(new AddWhitelistAddress(walletId, change.address()), at);
            case REMOVE_WHITELIST_ADDRESS -> policy.handle(new RemoveWhitelistAddress(walletId, change.address()), at);
            case SET_WITHDRAWAL_DELAY -> policy.handle(new SetWithdrawalDelay(walletId, change.hours()), at);
            case REACTIVATE -> {
                if (policy.status() != WalletStatus.SUSPENDED) {
                    throw Rejections.because(Reason.WALLET_NOT_ACTIVE, "wallet " + walletId + " is "
                            + policy.status() + ", not SUSPENDED: there is nothing to reactivate");
                }
                policy.handle(new ChangeWalletStatus(walletId, WalletStatus.ACTIVE, change.reason()), at);
            }
            case SUSPEND -> policy.handle(new ChangeWalletStatus(walletId, WalletStatus.SUSPENDED, change.reason()), at);
            case ALLOW_CONTRACT -> policy.handle(new AllowContract(walletId, change.address(), change.label(),
                    change.functions(), change.minApprovals() == null ? 0 : change.minApprovals()), at);
            case DISALLOW_CONTRACT -> policy.handle(new DisallowContract(walletId, change.address()), at);
        }
    }

    /** The organisation that owns the wallet. */
    public OrganisationId organisation() {
        return organisation;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public WalletId handle(CreateCustodyWallet command, Clock clock) {
        if (walletId != null) {
            if (!sameContent(command)) {
                throw Rejections.because(Reason.IDEMPOTENCY_KEY_REUSED,
                        "wallet " + walletId + " already exists with different content");
            }
            return walletId;
        }
        WalletCreationRules.violations(command).throwIfAny("Invalid custody wallet");
        apply(new CustodyWalletCreated(command.walletId(), command.organisation(), command.name().strip(),
                command.signers(), new Threshold(command.threshold()), command.chainFamily(), clock.instant()));
        return command.walletId();
    }

    @CommandHandler
    public void handle(RenameCustodyWallet command, Clock clock) {
        List<String> problems = WalletCreationRules.nameViolations(command.name());
        if (!problems.isEmpty()) {
            throw Rejections.invalid("Invalid wallet name", "name", problems.get(0));
        }
        String newName = command.name().strip();
        if (!newName.equals(name)) {
            apply(new CustodyWalletRenamed(walletId, newName, clock.instant()));
        }
    }

    private boolean sameContent(CreateCustodyWallet command) {
        return organisation.equals(command.organisation())
                && name.equals(command.name() == null ? null : command.name().strip())
                && signers.signers().equals(command.signers())
                && signers.threshold().value() == command.threshold()
                && chainFamily == command.chainFamily();
    }

    /**
     * Decides a new withdrawal proposal against this wallet and reserves its amount under the wallet's next nonce.
     * Returns the proposal's opening event, with the signer set, threshold, limits and delay it is decided under, for
     * the new proposal to start from.
     */
    public WithdrawalProposed reserve(ProposeWithdrawal command, Instant now) {
        requireProposer(command.proposer(), "a withdrawal");
        ProposeWithdrawal normalised = normalised(command);
        Amount available = command.token() == null ? Amount.ZERO : available(command.token());
        ProposalRules.violations(normalised, chainFamily, policy.whitelist(), available, now)
                .throwIfAny("Invalid withdrawal proposal");
        // Property 9: the proposer proves to be the signer it names (checked once the fields are known to be sound)
        ProposalSignatures.problem(command.proposer(), command.proposerSignature(), normalised.requestPayload())
                .ifPresent(problem -> {
                    throw Rejections.because(Reason.SIGNATURE_INVALID, "The proposer's signature does not verify",
                            "proposerSignature", problem);
                });
        List<LimitBreach> breaches = WithdrawalLimitPolicy.breaches(policy.limitsFor(command.token()),
                reservations.counted(), command.token(), command.amount(), now);
        int required = WithdrawalLimitPolicy.requiredApprovals(signers.threshold().value(), signers.signers().size(),
                breaches);
        long nonce = lastNonce + 1;
        apply(new WithdrawalReserved(walletId, command.proposalId(), nonce, command.token(), command.amount(), now));
        return new WithdrawalProposed(walletId, organisation, command.proposalId(), nonce, command.proposer(),
                command.to(), command.token(), command.amount(), signers.signers(), signers.threshold(), required,
                breaches, policy.delayHours(), normalised.expiresAt(), now, command.proposerSignature());
    }

    /**
     * Decides a new contract-call proposal: the wallet's policy must allow the contract and the function (seed
     * Property 15's whitelist, for calls), the call is encoded once here and that encoding is what the approvers sign
     * and the executor sends; the value sent with it is reserved like a withdrawal's amount. A contract's
     * {@code minApprovals} raises the approvals the proposal needs.
     */
    public WithdrawalProposed reserve(ProposeContractCall command, Instant now) {
        requireProposer(command.proposer(), "a contract call");
        ProposeContractCall normalised = normalised(command);
        Amount available = command.token() == null ? Amount.ZERO : available(command.token());
        ProposalRules.callViolations(normalised, chainFamily, available, now).throwIfAny("Invalid contract call");
        ContractAllowed allowed = policy.allowedContract(command.contract()).orElseThrow(() -> Rejections.because(
                Reason.CONTRACT_NOT_ALLOWED, "Invalid contract call", "contract",
                "is not on the wallet's list of allowed contracts"));
        ContractCall encoded = ContractCalls.encode(command.call());
        if (!allowed.functions().contains(encoded.function())) {
            throw Rejections.because(Reason.CONTRACT_NOT_ALLOWED, "Invalid contract call", "function",
                    encoded.function() + " is not allowed on " + allowed.label() + " (" + command.contract() + ")");
        }
        // Property 9: the proposer proves to be the signer it names, over the call as it was requested
        ProposalSignatures.problem(command.proposer(), command.proposerSignature(), normalised.requestPayload())
                .ifPresent(problem -> {
                    throw Rejections.because(Reason.SIGNATURE_INVALID, "The proposer's signature does not verify",
                            "proposerSignature", problem);
                });
        List<LimitBreach> breaches = command.value().isZero() ? List.of()
                : WithdrawalLimitPolicy.breaches(policy.limitsFor(command.token()), reservations.counted(),
                        command.token(), command.value(), now);
        int required = Math.max(
                WithdrawalLimitPolicy.requiredApprovals(signers.threshold().value(), signers.signers().size(), breaches),
                Math.min(allowed.minApprovals(), signers.signers().size()));
        long nonce = lastNonce + 1;
        apply(new WithdrawalReserved(walletId, command.proposalId(), nonce, command.token(), command.value(), now));
        return new WithdrawalProposed(walletId, organisation, command.proposalId(), nonce, command.proposer(),
                command.contract(), command.token(), command.value(), signers.signers(), signers.threshold(), required,
                breaches, policy.delayHours(), normalised.expiresAt(), now, command.proposerSignature(), encoded,
                normalised.notBefore());
    }

    /** The wallet has its key, takes proposals, and {@code proposer} is one of its signers. */
    private void requireProposer(io.custody.api.wallet.SignerAddress proposer, String what) {
        requireKey("accepts no proposals");
        if (!policy.status().acceptsProposals()) {
            throw Rejections.because(Reason.WALLET_NOT_ACTIVE,
                    "wallet " + walletId + " is " + policy.status() + " and accepts no new proposals");
        }
        if (!signers.contains(proposer)) {
            throw Rejections.because(Reason.NOT_A_SIGNER, "only a signer of wallet " + walletId + " may propose " + what);
        }
    }

    /** The expiry and the schedule are signed in whole seconds, so they are decided and stored in whole seconds. */
    public static ProposeContractCall normalised(ProposeContractCall command) {
        Instant expiresAt = command.expiresAt() == null ? null : command.expiresAt().truncatedTo(ChronoUnit.SECONDS);
        Instant notBefore = command.notBefore() == null ? null : command.notBefore().truncatedTo(ChronoUnit.SECONDS);
        return new ProposeContractCall(command.walletId(), command.proposalId(), command.proposer(),
                command.contract(), command.token(), command.value(), command.call(), expiresAt,
                command.proposerSignature(), notBefore);
    }

    /** The expiry is signed in whole seconds, so it is decided and stored in whole seconds. */
    public static ProposeWithdrawal normalised(ProposeWithdrawal command) {
        Instant expiresAt = command.expiresAt() == null ? null : command.expiresAt().truncatedTo(ChronoUnit.SECONDS);
        return new ProposeWithdrawal(command.walletId(), command.proposalId(), command.proposer(), command.to(),
                command.token(), command.amount(), expiresAt, command.proposerSignature());
    }

    /** The proposal ended without moving money; a second release of the same proposal changes nothing. */
    public void release(ProposalId proposalId, ProposalStatus outcome, Instant at) {
        reservations.open(proposalId).ifPresent(r ->
                apply(new ReservationReleased(walletId, proposalId, r.token(), r.amount(), outcome, at)));
    }

    /** The proposal's withdrawal is confirmed on chain; a second settlement changes nothing. */
    public void settle(ProposalId proposalId, String transactionHash, Instant at) {
        settle(proposalId, transactionHash, null, at);
    }

    /**
     * As {@link #settle(ProposalId, String, Instant)}, debiting {@code settled} instead of the reserved amount when the
     * chain says a different amount left the wallet (a contract call's token outflow, measured from its receipt):
     * the ledger follows the chain, and the rest of the reservation is released with it.
     */
    public void settle(ProposalId proposalId, String transactionHash, Amount settled, Instant at) {
        reservations.open(proposalId).ifPresent(r -> apply(new WithdrawalSettled(walletId, proposalId, r.token(),
                settled == null ? r.amount() : settled, transactionHash, at)));
    }

    /** A deposit credited once (its own aggregate makes sure); a closed wallet still receives what the chain sends. */
    public void credit(DepositId depositId, TokenId token, Amount amount, Instant at) {
        requireKey("has no address to receive deposits at");
        apply(new DepositCredited(walletId, depositId, token, amount, at));
    }

    /**
     * A credited deposit the chain took back (a reorganisation); its own aggregate makes sure this happens at most
     * once per credit. The balance may end below what open reservations hold: available then shows zero, and the
     * withdrawals already under way are left to the chain (a transfer the address cannot pay fails there).
     */
    public void reverse(DepositId depositId, TokenId token, Amount amount, String reason, Instant at) {
        apply(new DepositReversed(walletId, depositId, token, amount, reason, at));
    }

    private void requireKey(String consequence) {
        if (provisioning.status() != ProvisioningStatus.ACTIVE) {
            throw Rejections.because(Reason.WALLET_KEY_PENDING,
                    "wallet " + walletId + " is " + provisioning.status() + " and " + consequence);
        }
    }

    /** The wallet's MPC key and address; refused while it has none. */
    public WalletAccounts.WalletKey key() {
        requireKey("has no key to sign with");
        return new WalletAccounts.WalletKey(provisioning.keyId(), provisioning.address());
    }

    public WalletId id() {
        return walletId;
    }

    private Amount available(TokenId token) {
        return balances.available(token, reservations.reserved(token));
    }

    @EventSourcingHandler
    void on(CustodyWalletCreated event) {
        walletId = event.walletId();
        organisation = event.organisation();
        name = event.name();
        chainFamily = event.chainFamily();
        createdAt = event.createdAt();
        signers = new WalletSigners(event.walletId(), event.chainFamily(), event.signers(), event.threshold());
        policy = new WalletPolicy(event.walletId(), event.chainFamily());
        provisioning = new WalletProvisioning(event.walletId(), event.chainFamily());
    }

    @EventSourcingHandler
    void on(CustodyWalletRenamed event) {
        name = event.name();
    }

    @EventSourcingHandler
    void on(DepositCredited event) {
        balances.credit(event.token(), event.amount());
    }

    @EventSourcingHandler
    void on(DepositReversed event) {
        balances.reverse(event.token(), event.amount());
    }

    @EventSourcingHandler
    void on(WithdrawalReserved event) {
        lastNonce = event.nonce();
        reservations.reserve(new Reservation(event.proposalId(), event.token(), event.amount(), event.at()));
    }

    @EventSourcingHandler
    void on(ReservationReleased event) {
        reservations.release(event.proposalId());
    }

    @EventSourcingHandler
    void on(WithdrawalSettled event) {
        reservations.settle(event.proposalId(), event.amount(), event.at());
        balances.debit(event.token(), event.amount());
    }
}
