package io.custody.command.withdrawal;

import io.custody.api.error.Reason;
import io.custody.api.money.Amount;
import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.DestinationAddress;
import io.custody.api.withdrawal.ProposeContractCall;
import io.custody.api.withdrawal.ProposeWithdrawal;
import io.custody.command.common.Violations;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Field rules of a withdrawal proposal that need the wallet's state: seed Property 10 (the amount within the
 * available balance), the whitelist, the chain family and the expiry; and those of a contract call. The wallet applies them when it reserves.
 */
public final class ProposalRules {

    /** A proposal open longer than this would hold a reservation for too long; shorter expiries are the caller's. */
    public static final Duration MAX_LIFETIME = Duration.ofDays(30);
    /** How far ahead a transaction may be scheduled (a repayment due within a year). */
    public static final Duration MAX_SCHEDULE = Duration.ofDays(366);

    private ProposalRules() {
    }

    public static Violations violations(ProposeWithdrawal command, ChainFamily family,
                                        Set<DestinationAddress> whitelist, Amount available, Instant now) {
        Violations errors = new Violations();
        if (command.proposalId() == null) errors.add(Reason.INVALID_FIELD, "proposalId", "is required");
        if (command.token() == null) errors.add(Reason.INVALID_FIELD, "token", "is required");
        if (command.to() == null) {
            errors.add(Reason.INVALID_FIELD, "to", "is required");
        } else if (command.to().family() != family) {
            errors.add(Reason.WRONG_CHAIN_FAMILY, "to",
                    "is an " + command.to().family() + " address in a " + family + " wallet");
        } else if (!whitelist.isEmpty() && !whitelist.contains(command.to())) {
            errors.add(Reason.DESTINATION_NOT_WHITELISTED, "to", "Address not in whitelist");
        }
        if (command.amount() == null || command.amount().isZero()) {
            errors.add(Reason.AMOUNT_NOT_POSITIVE, "amount", "must be above zero");
        } else if (command.token() != null && command.amount().compareTo(available) > 0) {
            errors.add(Reason.INSUFFICIENT_BALANCE, "amount",
                    "Amount exceeds available balance (" + available + ")");
        }
        expiry(errors, command.expiresAt(), now);
        return errors;
    }

    /**
     * The rules of a contract call's fields that need the wallet's state. The contract must be on the wallet's
     * allowed list (checked by the caller, which also encodes the call); the value may be zero, and otherwise
     * must be within the available balance of its token.
     */
    public static Violations callViolations(ProposeContractCall command, ChainFamily family, Amount available,
                                            Instant now) {
        Violations errors = new Violations();
        if (command.proposalId() == null) errors.add(Reason.INVALID_FIELD, "proposalId", "is required");
        if (command.token() == null) errors.add(Reason.INVALID_FIELD, "token", "is required");
        if (command.call() == null) errors.add(Reason.INVALID_FIELD, "call", "is required");
        if (command.contract() == null) {
            errors.add(Reason.INVALID_FIELD, "contract", "is required");
        } else if (command.contract().family() != family) {
            errors.add(Reason.WRONG_CHAIN_FAMILY, "contract",
                    "is an " + command.contract().family() + " address in a " + family + " wallet");
        } else if (family != ChainFamily.EVM) {
            errors.add(Reason.WRONG_CHAIN_FAMILY, "contract", "contract calls are made from EVM wallets only");
        }
        if (command.value() == null) {
            errors.add(Reason.INVALID_FIELD, "value", "is required (0 when the call sends no coin)");
        } else if (command.token() != null && command.value().compareTo(available) > 0) {
            errors.add(Reason.INSUFFICIENT_BALANCE, "value", "Value exceeds available balance (" + available + ")");
        }
        expiry(errors, command.expiresAt(), now);
        if (command.notBefore() != null && command.notBefore().isAfter(now.plus(MAX_SCHEDULE))) {
            errors.add(Reason.EXPIRY_OUT_OF_RANGE, "notBefore", "must be at most " + MAX_SCHEDULE.toDays()
                    + " days ahead");
        }
        return errors;
    }

    private static void expiry(Violations errors, Instant expiresAt, Instant now) {
        if (expiresAt == null) {
            errors.add(Reason.INVALID_FIELD, "expiresAt", "is required");
        } else if (!expiresAt.isAfter(now)) {
            errors.add(Reason.EXPIRY_OUT_OF_RANGE, "expiresAt", "must be in the future");
        } else if (expiresAt.isAfter(now.plus(MAX_LIFETIME))) {
            errors.add(Reason.EXPIRY_OUT_OF_RANGE, "expiresAt", "must be at most " + MAX_LIFETIME.toDays() + " days ahead");
        }
    }
}
