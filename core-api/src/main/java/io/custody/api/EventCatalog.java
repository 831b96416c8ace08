package io.custody.api;

import io.custody.api.deposit.DepositConfirmed;
import io.custody.api.deposit.DepositCredited;
import io.custody.api.deposit.DepositRetracted;
import io.custody.api.deposit.DepositReversed;
import io.custody.api.deposit.IncomingDepositSeen;
import io.custody.api.governance.PolicyChangeApplied;
import io.custody.api.governance.PolicyChangeApproved;
import io.custody.api.governance.PolicyChangeCancelled;
import io.custody.api.governance.PolicyChangeExpired;
import io.custody.api.governance.PolicyChangeFailed;
import io.custody.api.governance.PolicyChangeProposed;
import io.custody.api.governance.PolicyChangeScheduled;
import io.custody.api.identity.MemberInvited;
import io.custody.api.identity.PasskeyCloneSuspected;
import io.custody.api.identity.PasskeyRegistered;
import io.custody.api.identity.PasskeyRenamed;
import io.custody.api.identity.PasskeyRevoked;
import io.custody.api.identity.PasskeyUsed;
import io.custody.api.identity.MemberJoined;
import io.custody.api.identity.MemberRemoved;
import io.custody.api.identity.MemberRolesChanged;
import io.custody.api.identity.OrganisationFounded;
import io.custody.api.identity.ServiceAccountCreated;
import io.custody.api.identity.ServiceAccountKeyRegistered;
import io.custody.api.identity.ServiceAccountKeyRevoked;
import io.custody.api.identity.ServiceAccountRevoked;
import io.custody.api.payment.MerchantApiKeyIssued;
import io.custody.api.payment.MerchantApiKeyRevoked;
import io.custody.api.payment.MerchantRegistered;
import io.custody.api.payment.PaymentRouted;
import io.custody.api.wallet.ContractAllowed;
import io.custody.api.wallet.ContractDisallowed;
import io.custody.api.wallet.CustodyWalletActivated;
import io.custody.api.wallet.CustodyWalletCreated;
import io.custody.api.wallet.CustodyWalletRenamed;
import io.custody.api.wallet.SignerAdded;
import io.custody.api.wallet.SignerRemoved;
import io.custody.api.wallet.ThresholdChanged;
import io.custody.api.wallet.WalletId;
import io.custody.api.wallet.WalletProvisioningFailed;
import io.custody.api.wallet.WalletProvisioningRetried;
import io.custody.api.wallet.WalletProvisioningWaiting;
import io.custody.api.wallet.WalletStatusChanged;
import io.custody.api.wallet.WhitelistAddressAdded;
import io.custody.api.wallet.WhitelistAddressRemoved;
import io.custody.api.wallet.WithdrawalDelaySet;
import io.custody.api.wallet.WithdrawalLimitsSet;
import io.custody.api.withdrawal.ProposalApproved;
import io.custody.api.withdrawal.ProposalExpired;
import io.custody.api.withdrawal.ProposalReady;
import io.custody.api.withdrawal.ProposalRejected;
import io.custody.api.withdrawal.ProposalRejectionCast;
import io.custody.api.withdrawal.ReservationReleased;
import io.custody.api.withdrawal.WithdrawalCompleted;
import io.custody.api.withdrawal.WithdrawalDelayElapsed;
import io.custody.api.withdrawal.WithdrawalExecutionStarted;
import io.custody.api.withdrawal.WithdrawalFailed;
import io.custody.api.withdrawal.WithdrawalProposed;
import io.custody.api.withdrawal.WithdrawalReserved;
import io.custody.api.withdrawal.WithdrawalSettled;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every event of the published language with its stable name, the stream (aggregate type) it is appended to, and the
 * custody wallet it concerns. Read models, event streams and exports name events through this catalogue only, so a
 * class rename can never change a published name and no controller keeps its own list of event types.
 * {@code EventCatalogTest} fails when an {@code @Revision} record of this module is missing here.
 */
public final class EventCatalog {

    /** The streams of the event store, by the aggregate type the command side appends them under. */
    public enum Stream {
        WALLET("CustodyWallet"),
        PROPOSAL("WithdrawalProposal"),
        DEPOSIT("Deposit"),
        MERCHANT("Merchant"),
        ORGANISATION("Organisation"),
        SERVICE_ACCOUNT("ServiceAccount"),
        MEMBER_PASSKEYS("MemberPasskeys"),
        POLICY_CHANGE("PolicyChangeProposal");

        private final String aggregateType;

        Stream(String aggregateType) {
            this.aggregateType = aggregateType;
        }

        public String aggregateType() {
            return aggregateType;
        }

        /**
         * Whether the stream's events belong to a wallet's history: the wallet's own, its proposals', deposits' and
         * policy changes'.
         */
        public boolean inWalletHistory() {
            return this == WALLET || this == PROPOSAL || this == DEPOSIT || this == POLICY_CHANGE;
        }
    }

    /**
     * One event type.
     *
     * @param walletOf the custody wallet the event concerns; for merchant events the merchant's custody wallet, which
     *                 may be {@code null}
     */
    public record Entry<E>(Class<E> type, String name, Stream stream, Function<E, WalletId> walletOf) {

        /** The wallet {@code event} (an instance of {@link #type()}) concerns, or {@code null}. */
        public WalletId walletOf(Object event) {
            return walletOf.apply(type.cast(event));
        }
    }

    private static final List<Entry<?>> ENTRIES = List.of(
            new Entry<>(CustodyWalletCreated.class, "CustodyWalletCreated", Stream.WALLET, CustodyWalletCreated::walletId),
            new Entry<>(CustodyWalletActivated.class, "CustodyWalletActivated", Stream.WALLET,
                    CustodyWalletActivated::walletId),
            new Entry<>(WalletProvisioningWaiting.class, "WalletProvisioningWaiting", Stream.WALLET,
                    WalletProvisioningWaiting::walletId),
            new Entry<>(WalletProvisioningFailed.class, "WalletProvisioningFailed", Stream.WALLET,
                    WalletProvisioningFailed::walletId),
            new Entry<>(WalletProvisioningRetried.class, "WalletProvisioningRetried", Stream.WALLET,
                    WalletProvisioningRetried::walletId),
            new Entry<>(CustodyWalletRenamed.class, "CustodyWalletRenamed", Stream.WALLET, CustodyWalletRenamed::walletId),
            new Entry<>(WithdrawalDelaySet.class, "WithdrawalDelaySet", Stream.WALLET, WithdrawalDelaySet::walletId),
            new Entry<>(WithdrawalLimitsSet.class, "WithdrawalLimitsSet", Stream.WALLET, WithdrawalLimitsSet::walletId),
            new Entry<>(WhitelistAddressAdded.class, "WhitelistAddressAdded", Stream.WALLET,
                    WhitelistAddressAdded::walletId),
            new Entry<>(WhitelistAddressRemoved.class, "WhitelistAddressRemoved", Stream.WALLET,
                    WhitelistAddressRemoved::walletId),
            new Entry<>(ContractAllowed.class, "ContractAllowed", Stream.WALLET, ContractAllowed::walletId),
            new Entry<>(ContractDisallowed.class, "ContractDisallowed", Stream.WALLET, ContractDisallowed::walletId),
            new Entry<>(WalletStatusChanged.class, "WalletStatusChanged", Stream.WALLET, WalletStatusChanged::walletId),
            new Entry<>(SignerAdded.class, "SignerAdded", Stream.WALLET, SignerAdded::walletId),
            new Entry<>(SignerRemoved.class, "SignerRemoved", Stream.WALLET, SignerRemoved::walletId),
            new Entry<>(ThresholdChanged.class, "ThresholdChanged", Stream.WALLET, ThresholdChanged::walletId),
            new Entry<>(DepositCredited.class, "DepositCredited", Stream.WALLET, DepositCredited::walletId),
            new Entry<>(DepositReversed.class, "DepositReversed", Stream.WALLET, DepositReversed::walletId),
            new Entry<>(WithdrawalReserved.class, "WithdrawalReserved", Stream.WALLET, WithdrawalReserved::walletId),
            new Entry<>(ReservationReleased.class, "ReservationReleased", Stream.WALLET, ReservationReleased::walletId),
            new Entry<>(WithdrawalSettled.class, "WithdrawalSettled", Stream.WALLET, WithdrawalSettled::walletId),

            new Entry<>(WithdrawalProposed.class, "WithdrawalProposed", Stream.PROPOSAL, WithdrawalProposed::walletId),
            new Entry<>(ProposalApproved.class, "ProposalApproved", Stream.PROPOSAL, ProposalApproved::walletId),
            new Entry<>(ProposalRejectionCast.class, "ProposalRejectionCast", Stream.PROPOSAL,
                    ProposalRejectionCast::walletId),
            new Entry<>(ProposalReady.class, "ProposalReady", Stream.PROPOSAL, ProposalReady::walletId),
            new Entry<>(WithdrawalDelayElapsed.class, "WithdrawalDelayElapsed", Stream.PROPOSAL,
                    WithdrawalDelayElapsed::walletId),
            new Entry<>(ProposalRejected.class, "ProposalRejected", Stream.PROPOSAL, ProposalRejected::walletId),
            new Entry<>(ProposalExpired.class, "ProposalExpired", Stream.PROPOSAL, ProposalExpired::walletId),
            new Entry<>(WithdrawalExecutionStarted.class, "WithdrawalExecutionStarted", Stream.PROPOSAL,
                    WithdrawalExecutionStarted::walletId),
            new Entry<>(WithdrawalCompleted.class, "WithdrawalCompleted", Stream.PROPOSAL, WithdrawalCompleted::walletId),
            new Entry<>(WithdrawalFailed.class, "WithdrawalFailed", Stream.PROPOSAL, WithdrawalFailed::walletId),

            new Entry<>(PolicyChangeProposed.class, "PolicyChangeProposed", Stream.POLICY_CHANGE,
                    PolicyChangeProposed::walletId),
            new Entry<>(PolicyChangeApproved.class, "PolicyChangeApproved", Stream.POLICY_CHANGE,
                    PolicyChangeApproved::walletId),
            new Entry<>(PolicyChangeScheduled.class, "PolicyChangeScheduled", Stream.POLICY_CHANGE,
                    PolicyChangeScheduled::walletId),
            new Entry<>(PolicyChangeApplied.class, "PolicyChangeApplied", Stream.POLICY_CHANGE,
                    PolicyChangeApplied::walletId),
            new Entry<>(PolicyChangeCancelled.class, "PolicyChangeCancelled", Stream.POLICY_CHANGE,
                    PolicyChangeCancelled::walletId),
            new Entry<>(PolicyChangeFailed.class, "PolicyChangeFailed", Stream.POLICY_CHANGE,
                    PolicyChangeFailed::walletId),
            new Entry<>(PolicyChangeExpired.class, "PolicyChangeExpired", Stream.POLICY_CHANGE,
                    PolicyChangeExpired::walletId),

            new Entry<>(IncomingDepositSeen.class, "IncomingDepositSeen", Stream.DEPOSIT, IncomingDepositSeen::walletId),
            new Entry<>(DepositConfirmed.class, "DepositConfirmed", Stream.DEPOSIT, DepositConfirmed::walletId),
            new Entry<>(DepositRetracted.class, "DepositRetracted", Stream.DEPOSIT, DepositRetracted::walletId),

            new Entry<>(MerchantRegistered.class, "MerchantRegistered", Stream.MERCHANT, MerchantRegistered::custodyWallet),
            new Entry<>(PaymentRouted.class, "PaymentRouted", Stream.MERCHANT, PaymentRouted::custodyWallet),
            new Entry<>(MerchantApiKeyIssued.class, "MerchantApiKeyIssued", Stream.MERCHANT, e -> null),
            new Entry<>(MerchantApiKeyRevoked.class, "MerchantApiKeyRevoked", Stream.MERCHANT, e -> null),

            new Entry<>(OrganisationFounded.class, "OrganisationFounded", Stream.ORGANISATION, e -> null),
            new Entry<>(MemberInvited.class, "MemberInvited", Stream.ORGANISATION, e -> null),
            new Entry<>(MemberJoined.class, "MemberJoined", Stream.ORGANISATION, e -> null),
            new Entry<>(MemberRolesChanged.class, "MemberRolesChanged", Stream.ORGANISATION, e -> null),
            new Entry<>(MemberRemoved.class, "MemberRemoved", Stream.ORGANISATION, e -> null),
            new Entry<>(ServiceAccountCreated.class, "ServiceAccountCreated", Stream.SERVICE_ACCOUNT, e -> null),
            new Entry<>(ServiceAccountRevoked.class, "ServiceAccountRevoked", Stream.SERVICE_ACCOUNT, e -> null),
            new Entry<>(ServiceAccountKeyRegistered.class, "ServiceAccountKeyRegistered", Stream.SERVICE_ACCOUNT,
                    e -> null),
            new Entry<>(ServiceAccountKeyRevoked.class, "ServiceAccountKeyRevoked", Stream.SERVICE_ACCOUNT, e -> null),
            new Entry<>(PasskeyRegistered.class, "PasskeyRegistered", Stream.MEMBER_PASSKEYS, e -> null),
            new Entry<>(PasskeyUsed.class, "PasskeyUsed", Stream.MEMBER_PASSKEYS, e -> null),
            new Entry<>(PasskeyCloneSuspected.class, "PasskeyCloneSuspected", Stream.MEMBER_PASSKEYS, e -> null),
            new Entry<>(PasskeyRenamed.class, "PasskeyRenamed", Stream.MEMBER_PASSKEYS, e -> null),
            new Entry<>(PasskeyRevoked.class, "PasskeyRevoked", Stream.MEMBER_PASSKEYS, e -> null));

    private static final Map<Class<?>, Entry<?>> BY_TYPE = new LinkedHashMap<>();
    private static final Map<String, Entry<?>> BY_NAME = new LinkedHashMap<>();

    static {
        for (Entry<?> entry : ENTRIES) {
            if (BY_TYPE.put(entry.type(), entry) != null || BY_NAME.put(entry.name(), entry) != null) {
                throw new IllegalStateException("event listed twice: " + entry.name());
            }
        }
    }

    private EventCatalog() {
    }

    public static List<Entry<?>> entries() {
        return ENTRIES;
    }

    public static Optional<Entry<?>> of(Class<?> type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    public static Optional<Entry<?>> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** Whether {@code name} is the stable name of an event of {@code stream}. */
    public static boolean isOf(String name, Stream stream) {
        Entry<?> entry = BY_NAME.get(name);
        return entry != null && entry.stream() == stream;
    }
}
