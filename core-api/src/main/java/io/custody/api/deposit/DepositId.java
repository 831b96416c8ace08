package io.custody.api.deposit;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identity of one on-chain deposit as the chain gateway names it, e.g. {@code <tx hash>:<log index>}. Confirming the
 * same deposit twice credits it once.
 */
public record DepositId(String value) {

    private static final Pattern SYNTAX = Pattern.compile("[A-Za-z0-9:_.\\-]{1,160}");

    public DepositId {
        Objects.requireNonNull(value, "value");
        if (!SYNTAX.matcher(value).matches()) {
            throw new IllegalArgumentException("deposit id must be 1-160 characters of letters, digits, ':', '_', '.' or '-'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
