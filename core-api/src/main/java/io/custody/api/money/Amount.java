package io.custody.api.money;

import java.math.BigInteger;
import java.util.Objects;

/** A non-negative quantity of a token in its base units (e.g. 1 USDC = 1_000_000). Never a floating-point number. */
public record Amount(BigInteger value) implements Comparable<Amount> {

    /** Amounts travel as EVM uint256 in signed payloads, so nothing larger can be signed. */
    public static final BigInteger MAX = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
    // declared after MAX, which the constructor reads
    public static final Amount ZERO = new Amount(BigInteger.ZERO);

    public Amount {
        Objects.requireNonNull(value, "value");
        if (value.signum() < 0) {
            throw new IllegalArgumentException("amount must not be negative");
        }
        if (value.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("amount must fit in 256 bits");
        }
    }

    public static Amount of(long value) {
        return new Amount(BigInteger.valueOf(value));
    }

    /** Parses a decimal integer string (no sign, no exponent, no fraction). */
    public static Amount parse(String text) {
        if (text == null || !text.matches("[0-9]{1,78}")) {
            throw new IllegalArgumentException("amount must be a decimal integer in base units");
        }
        return new Amount(new BigInteger(text));
    }

    public boolean isZero() {
        return value.signum() == 0;
    }

    public Amount plus(Amount other) {
        return new Amount(value.add(other.value));
    }

    /** The difference, or zero when {@code other} is larger: balances never go negative. */
    public Amount minusFloored(Amount other) {
        BigInteger difference = value.subtract(other.value);
        return difference.signum() < 0 ? ZERO : new Amount(difference);
    }

    @Override
    public int compareTo(Amount other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
