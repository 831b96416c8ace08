package io.custody.command.wallet;

import java.time.Duration;
import java.util.Objects;

/**
 * The length of one "hour" of withdrawal delay. It is one hour in every deployment; tests configure seconds
 * ({@code custody.withdrawal-delay.unit=PT1S}) so that a delay surviving a restart can be observed without waiting
 * hours, through the same persistent deadline manager.
 */
public record DelayUnit(Duration length) {

    public static final DelayUnit HOURS = new DelayUnit(Duration.ofHours(1));

    public DelayUnit {
        Objects.requireNonNull(length, "length");
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("delay unit must be positive");
        }
    }

    public Duration times(int count) {
        return length.multipliedBy(count);
    }
}
