package io.custody.api.payment;

import java.util.Objects;
import java.util.regex.Pattern;

/** A client's key that makes a request safe to repeat: the same key with the same payload gives the same result. */
public record IdempotencyKey(String value) {

    private static final Pattern SYNTAX = Pattern.compile("[\\x21-\\x7e]{1,128}");

    public IdempotencyKey {
        Objects.requireNonNull(value, "value");
        if (!SYNTAX.matcher(value).matches()) {
            throw new IllegalArgumentException("idempotency key must be 1-128 visible ASCII characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
