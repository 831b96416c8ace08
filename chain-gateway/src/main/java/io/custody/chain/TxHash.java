package io.custody.chain;

import java.util.Locale;

/** A transaction hash as 0x-prefixed lower-case hex. */
public record TxHash(String value) {
    public TxHash {
        if (value == null || !value.matches("0x[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("not a 32-byte hex hash: " + value);
        }
        value = value.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value;
    }
}
