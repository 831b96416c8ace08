package io.custody.mpc.storage;

import java.util.Objects;
import java.util.regex.Pattern;

/** Identifier of a custody wallet as the MPC cluster sees it; restricted so it is safe as a path segment. */
public record WalletId(String value) {
    static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public WalletId {
        Objects.requireNonNull(value, "value");
        if (!SAFE.matcher(value).matches()) {
            throw new IllegalArgumentException("wallet id must match " + SAFE);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
