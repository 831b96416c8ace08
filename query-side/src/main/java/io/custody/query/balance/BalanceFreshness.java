package io.custody.query.balance;

import java.time.Duration;
import java.time.Instant;

/**
 * Seed Property 8: a balance is served from the read model while it is younger than the cache time; once older, or
 * when the read model cannot be reached and the last known value is shown instead, it is marked stale.
 */
public final class BalanceFreshness {

    private BalanceFreshness() {
    }

    public static boolean isStale(Instant observedAt, Instant now, Duration cacheTime, boolean servedFromFallback) {
        return servedFromFallback || observedAt.plus(cacheTime).isBefore(now);
    }
}
