package io.custody.infra.security.ratelimit;

/**
 * One token bucket: it holds at most {@code capacity} tokens, gains {@code perSecond} tokens each second, and a request
 * takes one. A full bucket lets a burst of {@code capacity} requests through at once; after that requests pass at the
 * refill rate.
 *
 * <p>Kept in the equivalent "theoretical arrival time" form (the generic cell rate algorithm): instead of a fractional
 * token count it keeps the instant at which the bucket would be full again, in whole nanoseconds, so the arithmetic is
 * exact. A request at {@code now} passes when that instant is at most {@code (capacity - 1)} refill intervals ahead,
 * and pushes it one interval further. Time is a monotonic nanosecond reading passed in by the caller, so the
 * behaviour can be tested without waiting.
 */
final class TokenBucket {

    private final long interval;
    private final long tolerance;
    private long fullAt;

    TokenBucket(RateLimit limit, long now) {
        this.interval = Math.max(1, Math.round(1_000_000_000d / limit.perSecond()));
        this.tolerance = saturatedMultiply(limit.capacity() - 1, interval);
        this.fullAt = now;
    }

    /**
     * Takes a token if there is one.
     *
     * @return 0 when a token was taken, else how many nanoseconds until the next token (nothing is taken then)
     */
    synchronized long tryTake(long now) {
        long start = Math.max(fullAt, now);
        long ahead = start - now;
        if (ahead > tolerance) {
            return ahead - tolerance;
        }
        fullAt = start + interval;
        return 0;
    }

    /** Whether the bucket is full at {@code now}: then forgetting it changes nothing for its key. */
    synchronized boolean fullAt(long now) {
        return fullAt - now <= 0;
    }

    private static long saturatedMultiply(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 2;
        }
    }
}
