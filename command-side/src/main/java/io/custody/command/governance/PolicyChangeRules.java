package io.custody.command.governance;

import io.custody.api.error.Reason;
import io.custody.api.governance.PolicyChange;
import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.DestinationAddress;
import io.custody.api.wallet.TokenLimits;
import io.custody.command.common.Violations;
import io.custody.command.wallet.LimitRules;
import io.custody.command.withdrawal.ProposalRules;
import java.time.Instant;

/**
 * The checks a policy change passes before its signers are asked: each kind carries the values it needs, of the
 * wallet's chain family. The wallet's own rules (signer set, contract functions, ...) are checked again when the change
 * takes effect, against the wallet as it is then.
 */
public final class PolicyChangeRules {

    /** Free text (a contract label, a reason) is signed as is: no control characters, bounded. */
    static final int MAX_LABEL = 120;
    static final int MAX_REASON = 500;

    private PolicyChangeRules() {
    }

    public static Violations violations(PolicyChange change, ChainFamily family, Instant expiresAt, Instant now) {
        Violations errors = new Violations();
        if (expiresAt == null) {
            errors.add(Reason.INVALID_FIELD, "expiresAt", "is required");
        } else if (!expiresAt.isAfter(now)) {
            errors.add(Reason.EXPIRY_OUT_OF_RANGE, "expiresAt", "must be in the future");
        } else if (expiresAt.isAfter(now.plus(ProposalRules.MAX_LIFETIME))) {
            errors.add(Reason.EXPIRY_OUT_OF_RANGE, "expiresAt",
                    "must be at most " + ProposalRules.MAX_LIFETIME.toDays() + " days ahead");
        }
        if (change == null || change.kind() == null) {
            errors.add(Reason.MISSING_FIELD, "change.kind", "is required");
            return errors;
        }
        switch (change.kind()) {
            case ADD_SIGNER, REMOVE_SIGNER -> {
                if (change.signer() == null) {
                    errors.add(Reason.MISSING_FIELD, "change.signer", "is required");
                } else if (change.signer().family() != family && !change.signer().byPasskey()) {
                    errors.add(Reason.WRONG_CHAIN_FAMILY, "change.signer", "must be an " + family + " signer");
                }
            }
            case CHANGE_THRESHOLD -> {
                if (change.threshold() == null) {
                    errors.add(Reason.MISSING_FIELD, "change.threshold", "is required");
                } else if (change.threshold() < io.custody.command.wallet.SignerSetPolicy.MIN_THRESHOLD
                        || change.threshold() > io.custody.command.wallet.SignerSetPolicy.MAX_SIGNERS) {
                    errors.add(Reason.SIGNER_RULES_VIOLATED, "change.threshold", "must be from "
                            + io.custody.command.wallet.SignerSetPolicy.MIN_THRESHOLD + " to "
                            + io.custody.command.wallet.SignerSetPolicy.MAX_SIGNERS);
                }
            }
            case SET_LIMITS -> {
                if (change.token() == null) {
                    errors.add(Reason.MISSING_FIELD, "change.token", "is required");
                }
                errors.addAll(Reason.INVALID_LIMITS, LimitRules.violations(
                        change.limits() == null ? TokenLimits.NONE : change.limits()));
            }
            case ADD_WHITELIST_ADDRESS, REMOVE_WHITELIST_ADDRESS, DISALLOW_CONTRACT ->
                    address(errors, change.address(), family);
            case SET_WITHDRAWAL_DELAY -> {
                if (change.hours() == null) {
                    errors.add(Reason.MISSING_FIELD, "change.hours", "is required");
                } else if (change.hours() < 0 || change.hours() > 24 * 366) {
                    errors.add(Reason.INVALID_DELAY, "change.hours", "must be from 0 to " + 24 * 366);
                }
            }
            case REACTIVATE, SUSPEND -> text(errors, "change.reason", change.reason(), MAX_REASON, false);
            case ALLOW_CONTRACT -> {
                address(errors, change.address(), family);
                text(errors, "change.label", change.label(), MAX_LABEL, true);
                if (change.functions() == null || change.functions().isEmpty()) {
                    errors.add(Reason.INVALID_FIELD, "change.functions", "must name at least one function to allow");
                }
                if (change.minApprovals() != null && (change.minApprovals() < 0 || change.minApprovals() > 20)) {
                    errors.add(Reason.INVALID_FIELD, "change.minApprovals", "must be from 0 to 20");
                }
            }
        }
        return errors;
    }

    private static void address(Violations errors, DestinationAddress address, ChainFamily family) {
        if (address == null) {
            errors.add(Reason.MISSING_FIELD, "change.address", "is required");
        } else if (address.family() != family) {
            errors.add(Reason.WRONG_CHAIN_FAMILY, "change.address", "must be an " + family + " address");
        }
    }

    private static void text(Violations errors, String field, String text, int max, boolean required) {
        if (text == null || text.isBlank()) {
            if (required) {
                errors.add(Reason.INVALID_TEXT, field, "is required");
            }
            return;
        }
        if (text.strip().length() > max || text.chars().anyMatch(Character::isISOControl)) {
            errors.add(Reason.INVALID_TEXT, field, "must be at most " + max + " characters without control characters");
        }
    }
}
