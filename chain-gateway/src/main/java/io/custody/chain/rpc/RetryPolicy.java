package io.custody.chain.rpc;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;

/**
 * Exponential backoff: the wait before retry {@code k} (1-based) is {@code min(initial * multiplier^(k-1), max)}.
 * The seed's defaults are 5 attempts in total, 1 s initial, 30 s maximum, multiplier 2.
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, double multiplier) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (initialDelay.isNegative() || initialDelay.isZero() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("need 0 < initialDelay <= maxDelay");
        }
        if (multiplier < 1.0) {
            throw new IllegalArgumentException("multiplier must be >= 1");
        }
    }

    public static RetryPolicy seedDefaults() {
        return new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(30), 2.0);
    }

    public IntervalFunction intervals() {
        return IntervalFunction.ofExponentialBackoff(initialDelay, multiplier, maxDelay);
    }

    /** The Resilience4j form, for clients in other packages (the Aptos REST client). */
    public RetryConfig toConfig() {
        return RetryConfig.custom()
                .maxAttempts(maxAttempts)
                .intervalFunction(intervals())
                // Only "no endpoint answered" is worth waiting for; a node's JSON-RPC error is an answer.
                .retryExceptions(RpcUnavailableException.class)
                .build();
    }
}
