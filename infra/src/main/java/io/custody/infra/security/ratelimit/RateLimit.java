package io.custody.infra.security.ratelimit;

/**
 * A token-bucket limit: bursts of up to {@code capacity} requests, then {@code perSecond} requests a second.
 *
 * @param capacity  the burst size, at least 1
 * @param perSecond the refill rate, above 0 (0.5 is one request every two seconds)
 */
public record RateLimit(long capacity, double perSecond) {

    public RateLimit {
        if (capacity < 1) throw new IllegalArgumentException("a rate limit's capacity is at least 1, not " + capacity);
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("a rate limit's refill rate is a positive number, not " + perSecond);
        }
    }
}
