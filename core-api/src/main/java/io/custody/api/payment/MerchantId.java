package io.custody.api.payment;

import java.util.Objects;
import java.util.regex.Pattern;

/** A merchant accepting payments: a short slug such as {@code coffee-corner}. */
public record MerchantId(String value) {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}[a-z0-9]");

    public MerchantId {
        Objects.requireNonNull(value, "value");
        if (!SLUG.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "merchant id must be 3-64 characters of lower-case letters, digits and inner hyphens");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
