package io.custody.command.withdrawal;

import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.TokenLimits;
import io.custody.api.withdrawal.LimitBreach;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Seed Property 15: a withdrawal above the single limit, or one that would take the total of the rolling 24 hours or
 * rolling 7 days over its limit, needs one approval more than the threshold, capped at the number of signers.
 * Windows are rolling intervals of instants ending now, so they are the same in every time zone (UTC by construction),
 * and they count withdrawals that are in flight or completed, each at the time it was proposed.
 */
public final class WithdrawalLimitPolicy {

    public static final Duration DAY = Duration.ofHours(24);
    public static final Duration WEEK = Duration.ofDays(7);

    /** A withdrawal that counts towards the windows. */
    public record CountedWithdrawal(TokenId token, Amount amount, Instant proposedAt) {
    }

    private WithdrawalLimitPolicy() {
    }

    public static List<LimitBreach> breaches(TokenLimits limits, Collection<CountedWithdrawal> counted, TokenId token,
                                             Amount amount, Instant now) {
        List<LimitBreach> breaches = new ArrayList<>();
        if (limits == null) {
            return breaches;
        }
        if (limits.single() != null && amount.compareTo(limits.single()) > 0) {
            breaches.add(LimitBreach.SINGLE);
        }
        if (limits.daily() != null && total(counted, token, now, DAY).plus(amount).compareTo(limits.daily()) > 0) {
            breaches.add(LimitBreach.DAILY);
        }
        if (limits.weekly() != null && total(counted, token, now, WEEK).plus(amount).compareTo(limits.weekly()) > 0) {
            breaches.add(LimitBreach.WEEKLY);
        }
        return breaches;
    }

    /** Total of {@code token} withdrawals proposed in the window {@code (now - length, now]}. */
    public static Amount total(Collection<CountedWithdrawal> counted, TokenId token, Instant now, Duration length) {
        Instant from = now.minus(length);
        Amount sum = Amount.ZERO;
        for (CountedWithdrawal w : counted) {
            if (w.token().equals(token) && w.proposedAt().isAfter(from) && !w.proposedAt().isAfter(now)) {
                sum = sum.plus(w.amount());
            }
        }
        return sum;
    }

    /** The threshold, or one more when any limit is breached, never more than there are signers. */
    public static int requiredApprovals(int threshold, int signers, List<LimitBreach> breaches) {
        return breaches.isEmpty() ? threshold : Math.min(threshold + 1, signers);
    }
}
