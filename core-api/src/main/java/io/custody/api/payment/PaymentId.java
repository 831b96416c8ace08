package io.custody.api.payment;

import java.util.Objects;
import java.util.regex.Pattern;

/** The merchant's own identifier of a payment (order number, invoice id). */
public record PaymentId(String value) {

    private static final Pattern SYNTAX = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    public PaymentId {
        Objects.requireNonNull(value, "value");
        if (!SYNTAX.matcher(value).matches()) {
            throw new IllegalArgumentException("payment id must be 1-128 characters of letters, digits, '.', '_', ':' or '-'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
