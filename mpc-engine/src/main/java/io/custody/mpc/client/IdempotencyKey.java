package io.custody.mpc.client;

import java.util.Objects;

/**
 * The caller's name for one intended operation (a saga uses its own id and step, e.g. {@code withdrawal-42/sign}).
 * 1 to 200 printable ASCII characters.
 */
public record IdempotencyKey(String value) {
    public IdempotencyKey {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty() || value.length() > 200 || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("idempotency key must be 1-200 printable ASCII characters");
        }
    }
}
