package io.custody.chain.rpc;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.io.IOException;
import java.time.Duration;

/**
 * Per-endpoint circuit breaker: opens when the failure rate over the last {@code windowSize} calls reaches
 * {@code failureRatePercent} (after at least {@code minimumCalls}), stays open for {@code openCooldown}, then
 * half-opens and lets {@code halfOpenCalls} trial calls decide.
 */
public record BreakerPolicy(float failureRatePercent, int windowSize, int minimumCalls, Duration openCooldown,
                            int halfOpenCalls) {

    public static BreakerPolicy defaults() {
        return new BreakerPolicy(50f, 20, 5, Duration.ofSeconds(30), 3);
    }

    /** The Resilience4j form, for clients in other packages (the Aptos REST client). */
    public CircuitBreakerConfig toConfig() {
        return CircuitBreakerConfig.custom()
                .failureRateThreshold(failureRatePercent)
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(windowSize)
                .minimumNumberOfCalls(minimumCalls)
                .waitDurationInOpenState(openCooldown)
                .permittedNumberOfCallsInHalfOpenState(halfOpenCalls)
                // Half-open after the cool-down even if nobody calls, so health checks see the real state.
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                // Transport failures count; a JSON-RPC error response means the endpoint is alive.
                .recordExceptions(IOException.class)
                .build();
    }
}
