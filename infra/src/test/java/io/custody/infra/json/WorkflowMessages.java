package io.custody.infra.json;

import io.custody.api.deposit.ConfirmDeposit;
import io.custody.api.deposit.DepositConfirmed;
import io.custody.api.deposit.DepositCredited;
import io.custody.api.identity.InvitationId;
import io.custody.api.identity.MemberId;
import io.custody.api.identity.MemberInvited;
import io.custody.api.identity.MemberJoined;
import io.custody.api.identity.MemberRemoved;
import io.custody.api.identity.MemberRolesChanged;
import io.custody.api.identity.OrganisationFounded;
import io.custody.api.identity.PasskeyCloneSuspected;
import io.custody.api.identity.PasskeyRegistered;
import io.custody.api.identity.PasskeyRenamed;
import io.custody.api.identity.PasskeyRevoked;
import io.custody.api.identity.PasskeyUsed;
import io.custody.api.identity.Role;
import io.custody.api.identity.ServiceAccountCreated;
import io.custody.api.identity.ServiceAccountId;
import io.custody.api.identity.ServiceAccountKeyRegistered;
import io.custody.api.identity.ServiceAccountKeyRevoked;
import io.custody.api.identity.ServiceAccountRevoked;
import io.custody.api.wallet.OrganisationId;
import io.custody.api.withdrawal.ProposalStatus;
import io.custody.api.withdrawal.ReservationReleased;
import io.custody.api.withdrawal.WithdrawalReserved;
import io.custody.api.withdrawal.WithdrawalSettled;
import io.custody.api.deposit.DepositId;
import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.payment.IdempotencyKey;
import io.custody.api.payment.MerchantId;
import io.custody.api.payment.MerchantRegistered;
import io.custody.api.payment.PaymentId;
import io.custody.api.payment.PaymentRouted;
import io.custody.api.payment.RegisterMerchant;
import io.custody.api.payment.RoutePayment;
import io.custody.api.payment.Routing;
import io.custody.api.wallet.AddSigner;
import io.custody.api.wallet.AddWhitelistAddress;
import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.ChangeThreshold;
import io.custody.api.wallet.ChangeWalletStatus;
import io.custody.api.wallet.DestinationAddress;
import io.custody.api.wallet.RemoveSigner;
import io.custody.api.wallet.RemoveWhitelistAddress;
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
import io.custody.api.withdrawal.FailWithdrawal;
import io.custody.api.withdrawal.LimitBreach;
import io.custody.api.withdrawal.ProposalApproved;
import io.custody.api.withdrawal.ProposalExpired;
import io.custody.api.withdrawal.ProposalId;
import io.custody.api.withdrawal.ProposalReady;
import io.custody.api.withdrawal.ProposalRejected;
import io.custody.api.withdrawal.ProposalRejectionCast;
import io.custody.api.withdrawal.ProposeWithdrawal;
import io.custody.api.withdrawal.RejectProposal;
import io.custody.api.withdrawal.SignerSignature;
import io.custody.api.withdrawal.StartWithdrawalExecution;
import io.custody.api.withdrawal.WithdrawalCompleted;
import io.custody.api.withdrawal.WithdrawalDelayElapsed;
import io.custody.api.withdrawal.WithdrawalExecutionStarted;
import io.custody.api.withdrawal.WithdrawalFailed;
import io.custody.api.withdrawal.WithdrawalProposed;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of every command and event of the custody workflow, for the serialization round-trip properties. */
public final class WorkflowMessages {

    private WorkflowMessages() {
    }

    public static Arbitrary<Object> events() {
        return Arbitraries.oneOf(List.of(
                Combinators.combine(wallets(), hours(), instants()).as(WithdrawalDelaySet::new),
                Combinators.combine(wallets(), tokens(), limits(), instants()).as(WithdrawalLimitsSet::new),
                Combinators.combine(wallets(), destinations(), instants()).as(WhitelistAddressAdded::new),
                Combinators.combine(wallets(), destinations(), instants()).as(WhitelistAddressRemoved::new),
                // a label the wallet accepted: 1-120 characters (its schema says so)
                Combinators.combine(wallets(), destinations(), Arbitraries.strings().ofMinLength(1).ofMaxLength(120),
                        functions().list().ofMinSize(1).ofMaxSize(4), Arbitraries.integers().between(0, 20), instants())
                        .as(io.custody.api.wallet.ContractAllowed::new),
                Combinators.combine(wallets(), destinations(), instants())
                        .as(io.custody.api.wallet.ContractDisallowed::new),
                Combinators.combine(wallets(), statuses(), statuses(), texts(), instants()).as(WalletStatusChanged::new),
                Combinators.combine(wallets(), signers(), instants()).as(SignerAdded::new),
                Combinators.combine(wallets(), signers(), instants()).as(SignerRemoved::new),
                Combinators.combine(wallets(), thresholds(), thresholds(), instants()).as(ThresholdChanged::new),
                Combinators.combine(wallets(), depositIds(), tokens(), amounts(), instants()).as(DepositConfirmed::new),
                Combinators.combine(wallets(), depositIds(), tokens(), amounts(), instants()).as(DepositCredited::new),
                Combinators.combine(wallets(), depositIds(), tokens(), amounts(), instants())
                        .as(io.custody.api.deposit.IncomingDepositSeen::new),
                Combinators.combine(wallets(), depositIds(), tokens(), amounts(), Arbitraries.of(true, false),
                        texts().injectNull(0.2), instants()).as(io.custody.api.deposit.DepositRetracted::new),
                Combinators.combine(wallets(), depositIds(), tokens(), amounts(), texts().injectNull(0.2), instants())
                        .as(io.custody.api.deposit.DepositReversed::new),
                Combinators.combine(wallets(), proposals(), Arbitraries.longs().greaterOrEqual(1), tokens(), amounts(),
                        instants()).as(WithdrawalReserved::new),
                Combinators.combine(wallets(), proposals(), tokens(), amounts(),
                        Arbitraries.of(ProposalStatus.class), instants()).as(ReservationReleased::new),
                Combinators.combine(wallets(), proposals(), tokens(), amounts(), texts(), instants())
                        .as(WithdrawalSettled::new),
                proposed(),
                Combinators.combine(wallets(), proposals(), signers(), signatures(), instants()).as(ProposalApproved::new),
                Combinators.combine(wallets(), proposals(), signers(), signatures().injectNull(0.5), instants(),
                        passkeyAssertions()).as(ProposalApproved::new),
                Combinators.combine(wallets(), proposals(), signers(), signatures(), texts(), instants())
                        .as(ProposalRejectionCast::new),
                Combinators.combine(wallets(), proposals(), signers(), signatures().injectNull(0.5), texts(),
                        instants(), passkeyAssertions()).as(ProposalRejectionCast::new),
                Combinators.combine(wallets(), proposals(), instants(), instants()).as(ProposalReady::new),
                Combinators.combine(wallets(), proposals(), instants()).as(ProposalRejected::new),
                Combinators.combine(wallets(), proposals(), instants()).as(ProposalExpired::new),
                Combinators.combine(wallets(), proposals(), instants()).as(WithdrawalDelayElapsed::new),
                Combinators.combine(wallets(), proposals(), keyIds(), keySigners().map(SignerAddress::value),
                        destinations(), tokens(), amounts(), instants()).as(WithdrawalExecutionStarted::new),
                Combinators.combine(wallets(), proposals(), keyIds(), keySigners().map(SignerAddress::value),
                        destinations(), tokens(), amounts(), instants())
                        .flatAs((w, p, k, from, to, token, amount, at) -> calls().map(call ->
                                new WithdrawalExecutionStarted(w, p, k, from, to, token, amount, at, call))),
                Combinators.combine(wallets(), keyIds(), publicKeys(), keySigners().map(SignerAddress::value), instants())
                        .as(io.custody.api.wallet.CustodyWalletActivated::new),
                Combinators.combine(wallets(), attempts(), texts(), instants())
                        .as(io.custody.api.wallet.WalletProvisioningFailed::new),
                Combinators.combine(wallets(), attempts(), texts(), instants())
                        .as(io.custody.api.wallet.WalletProvisioningWaiting::new),
                Combinators.combine(wallets(), Arbitraries.of(io.custody.api.wallet.ChainFamily.class),
                        attempts(), instants()).as(io.custody.api.wallet.WalletProvisioningRetried::new),
                Combinators.combine(organisations(), texts(), members(), texts(), instants())
                        .as(OrganisationFounded::new),
                Combinators.combine(organisations(), invitations(), roles(), sha256s(), instants(), instants())
                        .as(MemberInvited::new),
                Combinators.combine(organisations(), members(), texts(), roles(), invitations(), instants())
                        .as(MemberJoined::new),
                Combinators.combine(organisations(), members(), roles(), instants()).as(MemberRolesChanged::new),
                Combinators.combine(organisations(), members(), instants()).as(MemberRemoved::new),
                Combinators.combine(serviceAccounts(), organisations(), texts(), roles(), sha256s(), instants())
                        .as(ServiceAccountCreated::new),
                Combinators.combine(serviceAccounts(), organisations(), instants()).as(ServiceAccountRevoked::new),
                Combinators.combine(serviceAccounts(), organisations(), keyThumbprints(),
                        Arbitraries.of("ES256", "EdDSA"), Arbitraries.strings().ofMinLength(0).ofMaxLength(200)
                                .map(x -> "{\"x\":\"" + x.replace("\\", "").replace("\"", "") + "\"}"), instants())
                        .as(ServiceAccountKeyRegistered::new),
                Combinators.combine(serviceAccounts(), organisations(), keyThumbprints(), instants())
                        .as(ServiceAccountKeyRevoked::new),
                passkeyRegistered(),
                Combinators.combine(members(), credentialIds(), counts(), Arbitraries.of(true, false), instants())
                        .as(PasskeyUsed::new),
                Combinators.combine(members(), credentialIds(), counts(), counts(), instants())
                        .as(PasskeyCloneSuspected::new),
                Combinators.combine(members(), credentialIds(), texts(), instants()).as(PasskeyRenamed::new),
                Combinators.combine(members(), credentialIds(), instants()).as(PasskeyRevoked::new),
                Combinators.combine(wallets(), proposals(), texts(), instants()).as(WithdrawalCompleted::new),
                Combinators.combine(wallets(), proposals(), texts(), instants()).as(WithdrawalFailed::new),
                Combinators.combine(merchants(), texts(), destinations(), wallets().injectNull(0.3),
                        destinations().injectNull(0.3), instants(), organisations().injectNull(0.3))
                        .as(MerchantRegistered::new),
                routed(),
                // a label the merchant accepted: a display name (no control characters), 1-120 characters
                Combinators.combine(merchants(), organisations(), merchantKeyIds(), sha256s(),
                                Arbitraries.strings().alpha().numeric().withChars(' ', '-', '.', 'é')
                                        .ofMinLength(1).ofMaxLength(120), merchantKeyScopes(),
                                instants().injectNull(0.5), instants())
                        .as(io.custody.api.payment.MerchantApiKeyIssued::new),
                Combinators.combine(merchants(), organisations(), merchantKeyIds(), instants())
                        .as(io.custody.api.payment.MerchantApiKeyRevoked::new),
                policyChangeProposed(),
                Combinators.combine(wallets(), policyChanges(), keySigners(), signatures(), instants())
                        .as(io.custody.api.governance.PolicyChangeApproved::new),
                Combinators.combine(wallets(), policyChanges(), signers(), signatures().injectNull(0.5), instants(),
                        passkeyAssertions()).as(io.custody.api.governance.PolicyChangeApproved::new),
                Combinators.combine(wallets(), policyChanges(), signers(), signatures().injectNull(0.5), instants(),
                        passkeyAssertions()).as(io.custody.api.governance.PolicyChangeCancelled::new),
                Combinators.combine(wallets(), policyChanges(), instants(), instants())
                        .as(io.custody.api.governance.PolicyChangeScheduled::new),
                Combinators.combine(wallets(), policyChanges(), instants())
                        .as(io.custody.api.governance.PolicyChangeApplied::new),
                Combinators.combine(wallets(), policyChanges(), keySigners().injectNull(0.3),
                        signatures().injectNull(0.3), instants()).as(io.custody.api.governance.PolicyChangeCancelled::new),
                Combinators.combine(wallets(), policyChanges(), Arbitraries.of(io.custody.api.error.Reason.class)
                        .map(Enum::name), texts(), instants()).as(io.custody.api.governance.PolicyChangeFailed::new),
                Combinators.combine(wallets(), policyChanges(), instants())
                        .as(io.custody.api.governance.PolicyChangeExpired::new)
        ).stream().map(a -> a.map(Object.class::cast)).toList());
    }

    static Arbitrary<io.custody.api.governance.PolicyChangeId> policyChanges() {
        return Arbitraries.create(UUID::randomUUID).map(io.custody.api.governance.PolicyChangeId::new);
    }

    /** A change of any kind, with the members its kind uses (and, now and then, one it does not). */
    static Arbitrary<io.custody.api.governance.PolicyChange> changes() {
        return Combinators.combine(Arbitraries.of(io.custody.api.governance.PolicyChangeKind.class),
                        signers().injectNull(0.5), Arbitraries.integers().between(1, 20).injectNull(0.5),
                        tokens().injectNull(0.5), limits().injectNull(0.5), destinations().injectNull(0.5),
                        hours().injectNull(0.5), Arbitraries.strings().ofMaxLength(120).injectNull(0.5))
                .flatAs((kind, signer, threshold, token, limits, address, hours, label) -> Combinators.combine(
                                functions().list().ofMaxSize(4).injectNull(0.5),
                                Arbitraries.integers().between(0, 20).injectNull(0.5), texts().injectNull(0.5))
                        .as((functions, minApprovals, reason) -> new io.custody.api.governance.PolicyChange(kind,
                                signer, threshold, token, limits, address, hours, label, functions, minApprovals,
                                reason)));
    }

    static Arbitrary<io.custody.api.governance.PolicyChangeProposed> policyChangeProposed() {
        return Combinators.combine(wallets(), organisations(), policyChanges(), changes(),
                        signers().list().ofMaxSize(20), thresholds(), Arbitraries.integers().between(1, 20),
                        Arbitraries.of(true, false))
                .flatAs((w, org, id, change, signers, threshold, required, tightening) -> Combinators.combine(
                                Arbitraries.longs().between(0, 10_000_000), instants(), instants())
                        .as((lock, expires, at) -> new io.custody.api.governance.PolicyChangeProposed(w, org, id,
                                change, signers, threshold, required, tightening, lock, expires, at)));
    }

    static Arbitrary<Object> commands() {
        return Arbitraries.oneOf(List.of(
                Combinators.combine(wallets(), hours()).as(SetWithdrawalDelay::new),
                Combinators.combine(wallets(), tokens(), limits()).as(SetWithdrawalLimits::new),
                Combinators.combine(wallets(), destinations()).as(AddWhitelistAddress::new),
                Combinators.combine(wallets(), destinations()).as(RemoveWhitelistAddress::new),
                Combinators.combine(wallets(), destinations(), texts(), functions().list().ofMaxSize(4),
                        Arbitraries.integers()).as(io.custody.api.wallet.AllowContract::new),
                Combinators.combine(wallets(), destinations()).as(io.custody.api.wallet.DisallowContract::new),
                Combinators.combine(wallets(), statuses(), texts()).as(ChangeWalletStatus::new),
                Combinators.combine(wallets(), signers()).as(AddSigner::new),
                Combinators.combine(wallets(), signers()).as(RemoveSigner::new),
                Combinators.combine(wallets(), Arbitraries.integers()).as(ChangeThreshold::new),
                Combinators.combine(wallets(), depositIds(), tokens(), amounts()).as(ConfirmDeposit::new),
                Combinators.combine(wallets(), depositIds(), tokens(), amounts())
                        .as(io.custody.api.deposit.RecordIncomingDeposit::new),
                Combinators.combine(wallets(), depositIds(), texts().injectNull(0.2))
                        .as(io.custody.api.deposit.RetractDeposit::new),
                Combinators.combine(wallets(), proposals(), signers(), destinations(), tokens(), amounts(), instants(),
                        signatures().injectNull(0.1)).as(ProposeWithdrawal::new),
                Combinators.combine(wallets(), proposals(), signers(), destinations(), tokens(), amounts(),
                        calls().map(io.custody.api.withdrawal.ContractCall::withoutData), instants())
                        .flatAs((w, p, proposer, contract, token, value, call, expires) -> signatures().injectNull(0.1)
                                .map(sig -> new io.custody.api.withdrawal.ProposeContractCall(w, p, proposer,
                                        contract, token, value, call, expires, sig, expires.plusSeconds(60)))),
                Combinators.combine(wallets(), proposals(), signers(), signatures()).as(ApproveProposal::new),
                Combinators.combine(wallets(), proposals(), signers(), signatures().injectNull(0.5),
                        passkeyAssertions()).as(ApproveProposal::new),
                Combinators.combine(wallets(), proposals(), signers(), signatures(), texts()).as(RejectProposal::new),
                Combinators.combine(wallets(), proposals(), signers(), signatures().injectNull(0.5), texts(),
                        passkeyAssertions()).as(RejectProposal::new),
                Combinators.combine(wallets(), proposals()).as(StartWithdrawalExecution::new),
                Combinators.combine(wallets(), Arbitraries.integers(), texts(), texts(), texts())
                        .as(io.custody.api.wallet.ActivateCustodyWallet::new),
                Combinators.combine(wallets(), Arbitraries.integers(), texts())
                        .as(io.custody.api.wallet.RecordWalletProvisioningFailure::new),
                Combinators.combine(wallets(), Arbitraries.integers(), texts())
                        .as(io.custody.api.wallet.ReportWalletProvisioningWaiting::new),
                wallets().map(io.custody.api.wallet.RetryWalletProvisioning::new),
                Combinators.combine(wallets(), proposals(), texts()).as(CompleteWithdrawal::new),
                Combinators.combine(wallets(), proposals(), texts(), amounts()).as(CompleteWithdrawal::new),
                Combinators.combine(wallets(), proposals(), texts()).as(FailWithdrawal::new),
                Combinators.combine(merchants(), texts(), destinations(), wallets().injectNull(0.3),
                        destinations().injectNull(0.3)).as(RegisterMerchant::new),
                Combinators.combine(merchants(), keys(), paymentIds(), texts().injectNull(0.3), tokens(), amounts())
                        .as(RoutePayment::new),
                Combinators.combine(wallets(), policyChanges(), changes(), instants())
                        .as(io.custody.api.governance.ProposePolicyChange::new),
                Combinators.combine(wallets(), policyChanges(), signers(), signatures())
                        .as(io.custody.api.governance.ApprovePolicyChange::new),
                Combinators.combine(wallets(), policyChanges(), signers(), signatures().injectNull(0.5),
                        passkeyAssertions()).as(io.custody.api.governance.ApprovePolicyChange::new),
                Combinators.combine(wallets(), policyChanges(), signers().injectNull(0.3),
                        signatures().injectNull(0.3)).as(io.custody.api.governance.CancelPolicyChange::new)).stream().map(a -> a.map(Object.class::cast)).toList());
    }

    static Arbitrary<WithdrawalProposed> proposed() {
        return Combinators.combine(wallets(), proposals(), Arbitraries.longs().greaterOrEqual(1), signers(),
                        destinations(), tokens(), amounts(), signers().list().ofMaxSize(20))
                .flatAs((w, p, nonce, proposer, to, token, amount, signers) -> Combinators.combine(thresholds(),
                                Arbitraries.integers().between(1, 21), Arbitraries.of(LimitBreach.class).list().ofMaxSize(3),
                                hours(), instants(), instants(), signatures(), organisations())
                        .flatAs((t, required, breaches, delay, expires, at, sig, org) -> Combinators.combine(
                                        calls().injectNull(0.5), instants().injectNull(0.5))
                                .as((call, notBefore) -> new WithdrawalProposed(w, org, p, nonce, proposer, to, token,
                                        amount, signers, t, required, breaches, delay, expires, at, sig, call,
                                        notBefore))));
    }

    static Arbitrary<String> functions() {
        return Arbitraries.of("transfer(address,uint256)", "confirmDelivery(address,bytes32)",
                "raiseDispute(address,bytes32,string)", "arbitrate(address,bytes32,uint256,uint256)", "pause()");
    }

    /** Calls in the closed character sets of {@link io.custody.api.withdrawal.ContractCall}. */
    static Arbitrary<io.custody.api.withdrawal.ContractCall> calls() {
        Arbitrary<String> arguments = Arbitraries.strings().withChars("abcXYZ019 .,:;_#/()+=@!?'-").ofMaxLength(200);
        Arbitrary<String> data = Arbitraries.bytes().array(byte[].class).ofMinSize(4).ofMaxSize(200)
                .map(b -> "0x" + HexFormat.of().formatHex(b));
        return Combinators.combine(functions(), arguments.list().ofMaxSize(6), data)
                .as(io.custody.api.withdrawal.ContractCall::new);
    }

    /**
     * One coherent history of a fresh organisation, in the order the command side appends it: the identity read model
     * keeps foreign keys, so its events cannot be appended independently of one another the way wallet events can.
     */
    public static List<Object> identityHistory() {
        OrganisationId org = organisations().sample();
        MemberId admin = members().sample();
        MemberId member = members().sample();
        InvitationId invitation = invitations().sample();
        ServiceAccountId account = serviceAccounts().sample();
        String credential = credentialIds().sample();
        Instant at = Instant.parse("2026-12-01T12:00:00Z");
        return List.of(
                new OrganisationFounded(org, "Sample organisation", admin, "Ada Admin", at),
                new MemberInvited(org, invitation, Set.of(Role.SIGNER), sha256s().sample(), at.plusSeconds(86_400),
                        at.plusSeconds(1)),
                new MemberJoined(org, member, "Sam Signer", Set.of(Role.SIGNER), invitation, at.plusSeconds(2)),
                new MemberRolesChanged(org, member, Set.of(Role.SIGNER, Role.VIEWER), at.plusSeconds(3)),
                new ServiceAccountCreated(account, org, "reporting", Set.of(Role.VIEWER), sha256s().sample(),
                        at.plusSeconds(4)),
                new ServiceAccountKeyRegistered(account, org, SAMPLE_KEY_ID, "EdDSA",
                        "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}",
                        at.plusSeconds(4)),
                new ServiceAccountKeyRevoked(account, org, SAMPLE_KEY_ID, at.plusSeconds(4)),
                new ServiceAccountRevoked(account, org, at.plusSeconds(5)),
                new PasskeyRegistered(member, org, credential, publicKeysCose().sample(), 0, "none", true, true,
                        "Laptop", at.plusSeconds(6)),
                new PasskeyUsed(member, credential, 7, true, at.plusSeconds(7)),
                new PasskeyCloneSuspected(member, credential, 7, 7, at.plusSeconds(8)),
                new PasskeyRenamed(member, credential, "Old laptop", at.plusSeconds(9)),
                new PasskeyRevoked(member, credential, at.plusSeconds(10)),
                new MemberRemoved(org, member, at.plusSeconds(11)));
    }

    static Arbitrary<PasskeyRegistered> passkeyRegistered() {
        return Combinators.combine(members(), organisations(), credentialIds(), publicKeysCose(), counts(),
                        Arbitraries.of("none", "packed", "fido-u2f", "apple", "tpm"), Arbitraries.of(true, false),
                        Arbitraries.of(true, false))
                .flatAs((member, org, credential, key, count, format, eligible, backedUp) -> Combinators.combine(
                        texts().injectNull(0.3), instants()).as((name, at) -> new PasskeyRegistered(member, org,
                        credential, key, count, format, eligible, eligible && backedUp, name, at)));
    }

    static Arbitrary<MemberId> members() {
        return Arbitraries.create(UUID::randomUUID).map(MemberId::new);
    }

    static Arbitrary<InvitationId> invitations() {
        return Arbitraries.create(UUID::randomUUID).map(InvitationId::new);
    }

    /** An RFC 7638 thumbprint as service account key ids are: 32 bytes, unpadded base64url. */
    static final String SAMPLE_KEY_ID = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k";

    static Arbitrary<String> keyThumbprints() {
        return Arbitraries.bytes().array(byte[].class).ofSize(32)
                .map(java.util.Base64.getUrlEncoder().withoutPadding()::encodeToString);
    }

    static Arbitrary<ServiceAccountId> serviceAccounts() {
        return Arbitraries.create(UUID::randomUUID).map(ServiceAccountId::new);
    }

    static Arbitrary<Set<Role>> roles() {
        return Arbitraries.of(Role.class).set().ofMinSize(1).ofMaxSize(Role.values().length);
    }

    /** A SHA-256 in hex, as identity events carry the hash of a secret, never the secret. */
    /** A merchant API key's public id: 128 random bits in lower-case hex. */
    static Arbitrary<String> merchantKeyIds() {
        return Arbitraries.bytes().array(byte[].class).ofSize(16).map(HexFormat.of()::formatHex);
    }

    static Arbitrary<Set<io.custody.api.payment.MerchantApiKeyScope>> merchantKeyScopes() {
        return Arbitraries.of(io.custody.api.payment.MerchantApiKeyScope.class).set().ofMinSize(1);
    }

    static Arbitrary<String> sha256s() {
        return Arbitraries.bytes().array(byte[].class).ofSize(32).map(HexFormat.of()::formatHex);
    }

    /** A WebAuthn credential id, base64url without padding as the passkey events carry it. */
    static Arbitrary<String> credentialIds() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(16).ofMaxSize(64)
                .map(Base64.getUrlEncoder().withoutPadding()::encodeToString);
    }

    static Arbitrary<String> publicKeysCose() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(64).ofMaxSize(128)
                .map(Base64.getUrlEncoder().withoutPadding()::encodeToString);
    }

    static Arbitrary<Long> counts() {
        return Arbitraries.longs().between(0, 0xFFFF_FFFFL);
    }

    /** An MPC key id, as the provisioning saga records it. */
    static Arbitrary<String> keyIds() {
        return Arbitraries.strings().withChars("abcdef0123456789-").ofMinLength(1).ofMaxLength(64).map(s -> "k" + s);
    }

    /** A public key in hex: compressed or uncompressed secp256k1, or Ed25519. */
    static Arbitrary<String> publicKeys() {
        return Arbitraries.of(32, 33, 65).flatMap(size -> Arbitraries.bytes().array(byte[].class).ofSize(size))
                .map(HexFormat.of()::formatHex);
    }

    static Arbitrary<Integer> attempts() {
        return Arbitraries.integers().between(1, 1_000);
    }

    static Arbitrary<OrganisationId> organisations() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-").ofMinLength(1).ofMaxLength(40)
                .map(s -> new OrganisationId("o" + s + "z"));
    }

    static Arbitrary<PaymentRouted> routed() {
        return Combinators.combine(merchants(), keys(), paymentIds(), texts().injectNull(0.3), tokens(), amounts(),
                        Arbitraries.of(Routing.class), wallets().injectNull(0.3))
                .flatAs((m, k, id, payer, token, amount, routing, wallet) -> Combinators.combine(destinations(),
                        instants()).as((to, at) -> new PaymentRouted(m, k, id, payer, token, amount, routing, wallet, to,
                        at)));
    }

    static Arbitrary<WalletId> wallets() {
        return Arbitraries.create(UUID::randomUUID).map(WalletId::new);
    }

    static Arbitrary<ProposalId> proposals() {
        return Arbitraries.create(UUID::randomUUID).map(ProposalId::new);
    }

    static Arbitrary<Integer> hours() {
        return Arbitraries.integers().between(0, 10_000);
    }

    static Arbitrary<Threshold> thresholds() {
        return Arbitraries.integers().between(1, 20).map(Threshold::new);
    }

    static Arbitrary<WalletStatus> statuses() {
        return Arbitraries.of(WalletStatus.class);
    }

    static Arbitrary<String> texts() {
        return Arbitraries.strings().ofMaxLength(200);
    }

    static Arbitrary<TokenId> tokens() {
        return Arbitraries.strings().withChars("ABCxyz019._:-").ofMinLength(0).ofMaxLength(60).map(s -> new TokenId("T" + s));
    }

    static Arbitrary<Amount> amounts() {
        return Arbitraries.bigIntegers().between(BigInteger.ZERO, Amount.MAX).map(Amount::new);
    }

    static Arbitrary<TokenLimits> limits() {
        Arbitrary<Amount> maybe = amounts().injectNull(0.3);
        return Combinators.combine(maybe, maybe, maybe).as(TokenLimits::new);
    }

    static Arbitrary<DepositId> depositIds() {
        return Arbitraries.strings().withChars("0123456789abcdef:x").ofMinLength(1).ofMaxLength(160).map(DepositId::new);
    }

    static Arbitrary<MerchantId> merchants() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-").ofMinLength(1).ofMaxLength(62)
                .map(s -> new MerchantId("m" + s + "z"));
    }

    static Arbitrary<IdempotencyKey> keys() {
        return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(128).map(IdempotencyKey::new);
    }

    static Arbitrary<PaymentId> paymentIds() {
        return Arbitraries.strings().withChars("abcXYZ019._:-").ofMinLength(1).ofMaxLength(128).map(PaymentId::new);
    }

    /** Signers that are keys (with an address on a chain). */
    static Arbitrary<SignerAddress> keySigners() {
        return Arbitraries.of(ChainFamily.class).flatMap(family -> Arbitraries.bytes()
                .array(byte[].class).ofSize(family == ChainFamily.EVM ? 20 : 32)
                .map(b -> new SignerAddress(family, "0x" + HexFormat.of().formatHex(b))));
    }

    /** Signers: keys, and now and then a member's passkey (ADR identity-003). */
    static Arbitrary<SignerAddress> signers() {
        Arbitrary<SignerAddress> keys = keySigners();
        Arbitrary<SignerAddress> passkeys = Arbitraries.of(ChainFamily.class).flatMap(family -> Arbitraries.bytes()
                .array(byte[].class).ofMinSize(16).ofMaxSize(64).map(id -> SignerAddress.passkey(family, id)));
        return Arbitraries.oneOf(keys, keys, keys, passkeys); // a passkey now and then
    }

    /** WebAuthn assertions as votes keep them: every member unpadded base64url of some bytes. */
    static Arbitrary<io.custody.api.withdrawal.PasskeyAssertion> passkeyAssertions() {
        Arbitrary<String> b64 = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(200)
                .map(io.custody.api.withdrawal.PasskeyAssertion::encode);
        return Combinators.combine(b64, b64, b64, b64, Arbitraries.bytes().array(byte[].class).ofSize(32)
                .map(io.custody.api.withdrawal.PasskeyAssertion::encode))
                .as(io.custody.api.withdrawal.PasskeyAssertion::new);
    }

    static Arbitrary<DestinationAddress> destinations() {
        return Arbitraries.of(ChainFamily.class).flatMap(family -> Arbitraries.bytes().array(byte[].class)
                .ofSize(family == ChainFamily.EVM ? 20 : 32)
                .map(b -> new DestinationAddress(family, "0x" + HexFormat.of().formatHex(b))));
    }

    static Arbitrary<SignerSignature> signatures() {
        Arbitrary<String> hex = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(65)
                .map(b -> "0x" + HexFormat.of().formatHex(b));
        return Combinators.combine(hex, hex.injectNull(0.5)).as(SignerSignature::new);
    }

    static Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(0, 4_102_444_800_000L).map(Instant::ofEpochMilli)
                .flatMap(i -> Arbitraries.integers().between(0, 999_999).map(i::plusNanos));
    }
}
