package io.custody.infra.security.ratelimit;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One {@link RateLimit} applied separately to each key (a caller, a client address): each key has its own
 * {@link TokenBucket}, created full on first use. Buckets that have filled up again are forgotten from time to time,
 * which changes nothing for their keys (a new bucket starts full), so memory follows the keys active in the last
 * {@code capacity / perSecond} seconds, not every key ever seen.
 */
final class KeyedRateLimiter {

    /** How many acquisitions pass between two sweeps of full buckets. */
    static final int SWEEP_EVERY = 4096;

    private final String name;
    private final RateLimit limit;
    private final LongSupplier ticker;
    private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong acquisitions = new AtomicLong();

    KeyedRateLimiter(String name, RateLimit limit, LongSupplier ticker) {
        this.name = name;
        this.limit = limit;
        this.ticker = ticker;
    }

    String name() {
        return name;
    }

    /** Takes a token from {@code key}'s bucket; empty when one was taken, else how long until the next one. */
    Optional<Duration> tryAcquire(String key) {
        long now = ticker.getAsLong();
        if (acquisitions.incrementAndGet() % SWEEP_EVERY == 0) {
            sweep(now);
        }
        long wait = buckets.computeIfAbsent(key, k -> new TokenBucket(limit, now)).tryTake(now);
        return wait == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(wait));
    }

    int size() {
        return buckets.size();
    }

    void sweep(long now) {
        buckets.values().removeIf(bucket -> bucket.fullAt(now));
    }
}
