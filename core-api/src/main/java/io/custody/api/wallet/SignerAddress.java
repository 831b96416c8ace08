package io.custody.api.wallet;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The on-chain address of a person or device allowed to approve withdrawals, in the syntax of its chain family:
 * EVM addresses are {@code 0x} and 40 hex digits, Aptos addresses {@code 0x} and 64 hex digits.
 *
 * <p>Two addresses are equal when they name the same account, whatever their letter case. The original spelling is
 * kept in {@link #value()} because a mixed-case EVM address carries an EIP-55 checksum, which the command side checks
 * (it needs Keccak-256, which this module deliberately does not depend on).
 */
public record SignerAddress(ChainFamily family, String value) {

    private static final Pattern EVM = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern APTOS = Pattern.compile("0x[0-9a-fA-F]{64}");

    public SignerAddress {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(value, "value");
        Pattern syntax = family == ChainFamily.EVM ? EVM : APTOS;
        if (!syntax.matcher(value).matches()) {
            throw new IllegalArgumentException(family == ChainFamily.EVM
                    ? "EVM address must be 0x followed by 40 hex digits"
                    : "Aptos address must be 0x followed by 64 hex digits");
        }
    }

    /** The lower-case form, used for equality and uniqueness. */
    public String canonical() {
        return value.toLowerCase(Locale.ROOT);
    }

    /** True when the hex digits mix upper and lower case, i.e. the EVM address claims an EIP-55 checksum. */
    public boolean hasMixedCase() {
        String hex = value.substring(2);
        return !hex.equals(hex.toLowerCase(Locale.ROOT)) && !hex.equals(hex.toUpperCase(Locale.ROOT));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignerAddress other && family == other.family && canonical().equals(other.canonical());
    }

    @Override
    public int hashCode() {
        return Objects.hash(family, canonical());
    }

    @Override
    public String toString() {
        return value;
    }
}
