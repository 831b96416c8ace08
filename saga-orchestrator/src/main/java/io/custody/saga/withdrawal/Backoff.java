package io.custody.saga.withdrawal;

import java.time.Duration;

/**
 * The retry policy of the execution steps (seed: exponential backoff): {@code initial}, doubled per attempt, capped
 * at {@code max}, for at most {@code attempts} tries. A pure function of the attempt number, tested alone.
 */
public record Backoff(Duration initial, Duration max, int attempts) {

    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(16), 6);

    /** The pause before try {@code attempt} (1-based; the first try has none). */
    public Duration before(int attempt) {
        if (attempt <= 1) {
            return Duration.ZERO;
        }
        long factor = 1L << Math.min(attempt - 2, 30);
        Duration pause = initial.multipliedBy(factor);
        return pause.compareTo(max) > 0 ? max : pause;
    }
}
