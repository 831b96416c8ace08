package io.custody.command.wallet;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.custody.api.error.Reason;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.AddWhitelistAddress;
import io.custody.api.wallet.AllowContract;
import io.custody.api.wallet.ContractAllowed;
import io.custody.api.wallet.ContractDisallowed;
import io.custody.api.wallet.DisallowContract;
import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.ChangeWalletStatus;
import io.custody.api.wallet.DestinationAddress;
import io.custody.api.wallet.RemoveWhitelistAddress;
import io.custody.api.wallet.SetWithdrawalDelay;
import io.custody.api.wallet.SetWithdrawalLimits;
import io.custody.api.wallet.TokenLimits;
import io.custody.api.wallet.WalletId;
import io.custody.api.wallet.WalletStatus;
import io.custody.api.wallet.WalletStatusChanged;
import io.custody.api.wallet.WhitelistAddressAdded;
import io.custody.api.wallet.WhitelistAddressRemoved;
import io.custody.api.wallet.WithdrawalDelaySet;
import io.custody.api.wallet.WithdrawalLimitsSet;
import io.custody.command.common.Rejections;
import io.custody.command.common.Violations;
import io.custody.command.withdrawal.call.ContractCalls;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * The rules a wallet's withdrawals are checked against: status, withdrawal delay, per-token limits, the
 * destination whitelist, and the contracts (with their functions) its contract-call proposals may call. A member of the {@link CustodyWallet} aggregate, so that a proposal is decided against the
 * policy in force in the same transaction.
 */
public class WalletPolicy {

    /** More than a year of delay is never a policy, always a typing mistake. */
    static final int MAX_DELAY_HOURS = 24 * 366;

    private WalletId walletId;
    private ChainFamily chainFamily;
    private WalletStatus status = WalletStatus.ACTIVE;
    private int delayHours;
    private HashMap<TokenId, TokenLimits> limits = new HashMap<>();
    private LinkedHashSet<DestinationAddress> whitelist = new LinkedHashSet<>();
    /** Keyed by the contract's canonical (lower-case) address. */
    private LinkedHashMap<String, ContractAllowed> contracts = new LinkedHashMap<>();

    /** Most functions a wallet allows on one contract; a longer list is a sign of allowing everything. */
    static final int MAX_FUNCTIONS = 64;
    static final int MAX_MIN_APPROVALS = 20;
    /**
     * Functions no contract may be allowed: on a token they send the wallet's tokens to any address, around the
     * whitelist and the limits a withdrawal is held to. Granting an allowance ({@code approve}) stays possible; the
     * spender's pull is then a call the wallet itself proposes, or bounded by the allowance.
     */
    static final Set<String> TOKEN_TRANSFERS = Set.of("transfer(address,uint256)",
            "transferFrom(address,address,uint256)", "safeTransferFrom(address,address,uint256)",
            "safeTransferFrom(address,address,uint256,bytes)");

    WalletPolicy() {
        // for snapshots
    }

    WalletPolicy(WalletId walletId, ChainFamily chainFamily) {
        this.walletId = walletId;
        this.chainFamily = chainFamily;
    }

    WalletStatus status() {
        return status;
    }

    int delayHours() {
        return delayHours;
    }

    TokenLimits limitsFor(TokenId token) {
        return limits.get(token);
    }

    Set<DestinationAddress> whitelist() {
        return Set.copyOf(whitelist);
    }

    java.util.Map<TokenId, TokenLimits> limits() {
        return java.util.Map.copyOf(limits);
    }

    java.util.Map<String, ContractAllowed> contracts() {
        return java.util.Map.copyOf(contracts);
    }

    /** The entry that allows calls to {@code contract}, if any. */
    Optional<ContractAllowed> allowedContract(DestinationAddress contract) {
        return Optional.ofNullable(contracts.get(contract.canonical()));
    }

    void requireNotClosed() {
        if (status == WalletStatus.CLOSED) {
            throw Rejections.because(Reason.WALLET_CLOSED, "wallet " + walletId + " is closed");
        }
    }

    @CommandHandler
    void handle(SetWithdrawalDelay command, Clock clock) {
        requireNotClosed();
        if (command.hours() < 0 || command.hours() > MAX_DELAY_HOURS) {
            throw Rejections.because(Reason.INVALID_DELAY, "Invalid withdrawal delay", "hours",
                    "must be from 0 to " + MAX_DELAY_HOURS);
        }
        if (command.hours() != delayHours) {
            apply(new WithdrawalDelaySet(walletId, command.hours(), clock.instant()));
        }
    }

    @CommandHandler
    void handle(SetWithdrawalLimits command, Clock clock) {
        requireNotClosed();
        if (command.token() == null) {
            throw Rejections.because(Reason.INVALID_LIMITS, "Invalid withdrawal limits", "token", "is required");
        }
        TokenLimits next = command.limits() == null ? TokenLimits.NONE : command.limits();
        new Violations().addAll(Reason.INVALID_LIMITS, LimitRules.violations(next))
                .throwIfAny("Invalid withdrawal limits");
        if (!next.equals(limits.getOrDefault(command.token(), TokenLimits.NONE))) {
            apply(new WithdrawalLimitsSet(walletId, command.token(), next, clock.instant()));
        }
    }

    @CommandHandler
    void handle(AddWhitelistAddress command, Clock clock) {
        requireNotClosed();
        requireOwnFamily(command.address());
        if (!whitelist.contains(command.address())) {
            apply(new WhitelistAddressAdded(walletId, command.address(), clock.instant()));
        }
    }

    @CommandHandler
    void handle(RemoveWhitelistAddress command, Clock clock) {
        requireNotClosed();
        requireOwnFamily(command.address());
        if (whitelist.contains(command.address())) {
            apply(new WhitelistAddressRemoved(walletId, command.address(), clock.instant()));
        }
    }

    @CommandHandler
    void handle(AllowContract command, Clock clock) {
        requireNotClosed();
        requireOwnFamily(command.contract());
        if (chainFamily != ChainFamily.EVM) {
            throw Rejections.because(Reason.WRONG_CHAIN_FAMILY, "Invalid contract", "contract",
                    "contract calls are made from EVM wallets only");
        }
        Violations errors = new Violations();
        String label = command.label() == null ? "" : command.label().strip();
        if (label.isEmpty() || label.length() > 120 || label.chars().anyMatch(Character::isISOControl)) {
            errors.add(Reason.INVALID_TEXT, "label", "must be 1-120 characters without control characters");
        }
        if (command.functions() == null || command.functions().isEmpty()) {
            errors.add(Reason.INVALID_FIELD, "functions", "must name at least one function to allow");
        } else if (command.functions().size() > MAX_FUNCTIONS) {
            errors.add(Reason.INVALID_FIELD, "functions", "must name at most " + MAX_FUNCTIONS + " functions");
        }
        if (command.minApprovals() < 0 || command.minApprovals() > MAX_MIN_APPROVALS) {
            errors.add(Reason.INVALID_FIELD, "minApprovals", "must be from 0 to " + MAX_MIN_APPROVALS);
        }
        errors.throwIfAny("Invalid contract");
        LinkedHashSet<String> functions = new LinkedHashSet<>();
        for (String function : command.functions()) {
            String canonical = ContractCalls.canonicalSignature(function); // refuses what is no ABI signature
            if (TOKEN_TRANSFERS.contains(canonical)) {
                throw Rejections.because(Reason.CONTRACT_NOT_ALLOWED, "Invalid contract", "functions",
                        canonical + " moves tokens to any address: token transfers are withdrawals (whitelist, "
                                + "limits), not contract calls");
            }
            functions.add(canonical);
        }
        ContractAllowed next = new ContractAllowed(walletId, command.contract(), label, List.copyOf(functions),
                command.minApprovals(), clock.instant());
        ContractAllowed current = contracts.get(command.contract().canonical());
        boolean same = current != null && current.label().equals(next.label())
                && current.functions().equals(next.functions()) && current.minApprovals() == next.minApprovals();
        if (!same) {
            apply(next);
        }
    }

    @CommandHandler
    void handle(DisallowContract command, Clock clock) {
        requireNotClosed();
        requireOwnFamily(command.contract());
        if (contracts.containsKey(command.contract().canonical())) {
            apply(new ContractDisallowed(walletId, command.contract(), clock.instant()));
        }
    }

    @CommandHandler
    void handle(ChangeWalletStatus command, Clock clock) {
        if (command.status() == null) {
            throw Rejections.invalid("Invalid wallet status", "status", "is required");
        }
        if (command.status() == status) {
            return;
        }
        if (status == WalletStatus.CLOSED) {
            throw Rejections.because(Reason.WALLET_CLOSED, "wallet " + walletId + " is closed; closing is final");
        }
        String reason = command.reason() == null ? "" : command.reason().strip();
        if (reason.length() > 500) {
            throw Rejections.invalid("Invalid wallet status", "reason", "must be at most 500 characters");
        }
        apply(new WalletStatusChanged(walletId, status, command.status(), reason, clock.instant()));
    }

    private void requireOwnFamily(DestinationAddress address) {
        if (address == null || address.family() != chainFamily) {
            throw Rejections.because(Reason.WRONG_CHAIN_FAMILY, "Invalid address", "address",
                    "must be an " + chainFamily + " address");
        }
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
    void on(ContractAllowed event) {
        contracts.put(event.contract().canonical(), event);
    }

    @EventSourcingHandler
    void on(ContractDisallowed event) {
        contracts.remove(event.contract().canonical());
    }

    @EventSourcingHandler
    void on(WalletStatusChanged event) {
        status = event.to();
    }

    // value equality lets the test fixture find a state change made outside an event-sourcing handler
    @Override
    public boolean equals(Object o) {
        return o instanceof WalletPolicy other && Objects.equals(walletId, other.walletId)
                && chainFamily == other.chainFamily && status == other.status && delayHours == other.delayHours
                && limits.equals(other.limits) && whitelist.equals(other.whitelist)
                && contracts.equals(other.contracts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(walletId, status, delayHours, limits, whitelist);
    }
}
