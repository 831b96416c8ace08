package io.custody.audit.record;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The audit mapping of every event of the published language, by its stable name ({@code EventCatalog}). Kept as an
 * explicit list rather than derived, so that a new event type is audited only once someone has said what it acts on;
 * {@code AuditMappingCoverageTest} fails until then (seed Property 13), and the projection refuses to skip it.
 */
public final class AuditMappings {

    private static final List<AuditMapping> MAPPINGS = List.of(
            new AuditMapping("CustodyWalletCreated", "WALLET", "walletId", "walletId", null, "organisation"),
            AuditMapping.onWallet("CustodyWalletActivated"),
            AuditMapping.onWallet("WalletProvisioningWaiting"),
            AuditMapping.onWallet("WalletProvisioningFailed"),
            AuditMapping.onWallet("WalletProvisioningRetried"),
            AuditMapping.onWallet("CustodyWalletRenamed"),
            AuditMapping.onWallet("WithdrawalDelaySet"),
            AuditMapping.onWallet("WithdrawalLimitsSet"),
            AuditMapping.onWallet("WhitelistAddressAdded"),
            AuditMapping.onWallet("WhitelistAddressRemoved"),
            AuditMapping.onWallet("ContractAllowed"),
            AuditMapping.onWallet("ContractDisallowed"),
            AuditMapping.onWallet("WalletStatusChanged"),
            AuditMapping.onWallet("SignerAdded"),
            AuditMapping.onWallet("SignerRemoved"),
            AuditMapping.onWallet("ThresholdChanged"),
            AuditMapping.onWallet("DepositCredited"),
            AuditMapping.onWallet("DepositReversed"),
            AuditMapping.onWallet("WithdrawalReserved"),
            AuditMapping.onWallet("ReservationReleased"),
            AuditMapping.onWallet("WithdrawalSettled"),

            new AuditMapping("WithdrawalProposed", "PROPOSAL", "proposalId", "walletId", "proposer", "organisation"),
            AuditMapping.onProposal("ProposalApproved", "signer"),
            AuditMapping.onProposal("ProposalRejectionCast", "signer"),
            AuditMapping.onProposal("ProposalReady", null),
            AuditMapping.onProposal("WithdrawalDelayElapsed", null),
            AuditMapping.onProposal("ProposalRejected", null),
            AuditMapping.onProposal("ProposalExpired", null),
            AuditMapping.onProposal("WithdrawalExecutionStarted", null),
            AuditMapping.onProposal("WithdrawalCompleted", null),
            AuditMapping.onProposal("WithdrawalFailed", null),

            // policy changes (ADR identity-020): the wallet's own events of an applied change follow as usual
            new AuditMapping("PolicyChangeProposed", "POLICY_CHANGE", "changeId", "walletId", null, "organisation"),
            AuditMapping.onPolicyChange("PolicyChangeApproved", "signer"),
            AuditMapping.onPolicyChange("PolicyChangeScheduled", null),
            AuditMapping.onPolicyChange("PolicyChangeApplied", null),
            AuditMapping.onPolicyChange("PolicyChangeCancelled", "signer"),
            AuditMapping.onPolicyChange("PolicyChangeFailed", null),
            AuditMapping.onPolicyChange("PolicyChangeExpired", null),

            new AuditMapping("IncomingDepositSeen", "DEPOSIT", "depositId", "walletId", null, null),
            new AuditMapping("DepositConfirmed", "DEPOSIT", "depositId", "walletId", null, null),
            new AuditMapping("DepositRetracted", "DEPOSIT", "depositId", "walletId", null, null),

            new AuditMapping("MerchantRegistered", "MERCHANT", "merchantId", "custodyWallet", null, null),
            new AuditMapping("PaymentRouted", "PAYMENT", "paymentId", "custodyWallet", null, null),
            // a merchant's API keys (ADR identity-030): the record names the key; the actor is the administrator in
            // the caller's metadata. The payments routed with a key carry that key in their metadata (credentialId).
            AuditMapping.onIdentity("MerchantApiKeyIssued", "MERCHANT_API_KEY", "keyId", null, "organisation"),
            AuditMapping.onIdentity("MerchantApiKeyRevoked", "MERCHANT_API_KEY", "keyId", null, "organisation"),

            // Identity events act on an organisation, its members, invitations, service accounts and passkeys, never
            // on a wallet: they carry no wallet field. Where an event does not name its organisation (the passkey
            // events, appended to the member's own stream), the record takes it from the caller's metadata.
            AuditMapping.onIdentity("OrganisationFounded", "ORGANISATION", "organisation", null, "organisation"),
            AuditMapping.onIdentity("MemberInvited", "INVITATION", "invitation", null, "organisation"),
            // the person accepting an invitation has no caller identity yet: they are the actor
            AuditMapping.onIdentity("MemberJoined", "MEMBER", "member", "member", "organisation"),
            AuditMapping.onIdentity("MemberRolesChanged", "MEMBER", "member", null, "organisation"),
            AuditMapping.onIdentity("MemberRemoved", "MEMBER", "member", null, "organisation"),
            AuditMapping.onIdentity("ServiceAccountCreated", "SERVICE_ACCOUNT", "serviceAccount", null,
                    "organisation"),
            AuditMapping.onIdentity("ServiceAccountRevoked", "SERVICE_ACCOUNT", "serviceAccount", null,
                    "organisation"),
            AuditMapping.onIdentity("ServiceAccountKeyRegistered", "SERVICE_ACCOUNT", "serviceAccount", null,
                    "organisation"),
            AuditMapping.onIdentity("ServiceAccountKeyRevoked", "SERVICE_ACCOUNT", "serviceAccount", null,
                    "organisation"),
            AuditMapping.onIdentity("PasskeyRegistered", "PASSKEY", "credentialId", "member", "organisation"),
            AuditMapping.onIdentity("PasskeyUsed", "PASSKEY", "credentialId", "member", null),
            // whoever presented the suspect assertion may not be the member: no actor is inferred from the payload
            AuditMapping.onIdentity("PasskeyCloneSuspected", "PASSKEY", "credentialId", null, null),
            AuditMapping.onIdentity("PasskeyRenamed", "PASSKEY", "credentialId", null, null),
            AuditMapping.onIdentity("PasskeyRevoked", "PASSKEY", "credentialId", null, null));

    private static final Map<String, AuditMapping> BY_EVENT = new LinkedHashMap<>();

    static {
        for (AuditMapping mapping : MAPPINGS) {
            if (BY_EVENT.put(mapping.eventType(), mapping) != null) {
                throw new IllegalStateException("audit mapping listed twice: " + mapping.eventType());
            }
        }
    }

    private AuditMappings() {
    }

    public static Optional<AuditMapping> of(String eventType) {
        return Optional.ofNullable(BY_EVENT.get(eventType));
    }

    public static List<AuditMapping> all() {
        return MAPPINGS;
    }
}
