package io.custody.chain;

import java.math.BigInteger;
import java.util.Objects;

/** A non-negative quantity in the asset's smallest unit (wei, token base units, octas). */
public record Amount(BigInteger baseUnits) {
    public Amount {
        Objects.requireNonNull(baseUnits, "baseUnits");
        if (baseUnits.signum() < 0) {
            throw new IllegalArgumentException("amount must not be negative");
        }
    }

    public static Amount of(long baseUnits) {
        return new Amount(BigInteger.valueOf(baseUnits));
    }

    public static Amount of(BigInteger baseUnits) {
        return new Amount(baseUnits);
    }
}
