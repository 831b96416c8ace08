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
            AuditMapping.onWallet("CustodyWalletRenamed"),
            AuditMapping.onWallet("WithdrawalDelaySet"),
            AuditMapping.onWallet("WithdrawalLimitsSet"),
            AuditMapping.onWallet("WhitelistAddressAdded"),
            AuditMapping.onWallet("WhitelistAddressRemoved"),
            AuditMapping.onWallet("WalletStatusChanged"),
            AuditMapping.onWallet("SignerAdded"),
            AuditMapping.onWallet("SignerRemoved"),
            AuditMapping.onWallet("ThresholdChanged"),
            AuditMapping.onWallet("DepositCredited"),
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

            new AuditMapping("DepositConfirmed", "DEPOSIT", "depositId", "walletId", null, null),

            new AuditMapping("MerchantRegistered", "MERCHANT", "merchantId", "custodyWallet", null, null),
            new AuditMapping("PaymentRouted", "PAYMENT", "paymentId", "custodyWallet", null, null));

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
