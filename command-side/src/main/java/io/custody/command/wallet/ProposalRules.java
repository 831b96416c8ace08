package io.custody.command.wallet;

import io.custody.api.money.Amount;
import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.DestinationAddress;
import io.custody.api.withdrawal.ProposeWithdrawal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Field rules of a withdrawal proposal that need the wallet's state: seed Property 10 and the whitelist. */
final class ProposalRules {

    /** A proposal open longer than this would hold a reservation for too long; shorter expiries are the caller's. */
    static final Duration MAX_LIFETIME = Duration.ofDays(30);

    private ProposalRules() {
    }

    static Map<String, List<String>> violations(ProposeWithdrawal command, ChainFamily family,
                                                Set<DestinationAddress> whitelist, Amount available, Instant now) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (command.proposalId() == null) add(errors, "proposalId", "is required");
        if (command.token() == null) add(errors, "token", "is required");
        if (command.to() == null) {
            add(errors, "to", "is required");
        } else if (command.to().family() != family) {
            add(errors, "to", "is an " + command.to().family() + " address in a " + family + " wallet");
        } else if (!whitelist.isEmpty() && !whitelist.contains(command.to())) {
            add(errors, "to", "Address not in whitelist");
        }
        if (command.amount() == null || command.amount().isZero()) {
            add(errors, "amount", "must be above zero");
        } else if (command.token() != null && command.amount().compareTo(available) > 0) {
            add(errors, "amount", "Amount exceeds available balance (" + available + ")");
        }
        if (command.expiresAt() == null) {
            add(errors, "expiresAt", "is required");
        } else if (!command.expiresAt().isAfter(now)) {
            add(errors, "expiresAt", "must be in the future");
        } else if (command.expiresAt().isAfter(now.plus(MAX_LIFETIME))) {
            add(errors, "expiresAt", "must be at most " + MAX_LIFETIME.toDays() + " days ahead");
        }
        return errors;
    }

    private static void add(Map<String, List<String>> errors, String field, String message) {
        errors.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
    }
}
