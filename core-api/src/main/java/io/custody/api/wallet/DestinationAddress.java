package io.custody.api.wallet;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An address funds may be sent to, in the syntax of the wallet's chain family (EVM: {@code 0x} + 40 hex digits,
 * Aptos: {@code 0x} + 64 hex digits). Equal when they name the same account, whatever the letter case.
 */
public record DestinationAddress(ChainFamily family, String value) {

    private static final Pattern EVM = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern APTOS = Pattern.compile("0x[0-9a-fA-F]{64}");

    public DestinationAddress {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(value, "value");
        if (!(family == ChainFamily.EVM ? EVM : APTOS).matcher(value).matches()) {
            throw new IllegalArgumentException(family == ChainFamily.EVM
                    ? "EVM address must be 0x followed by 40 hex digits"
                    : "Aptos address must be 0x followed by 64 hex digits");
        }
    }

    /** The lower-case form, used for equality, whitelists and signed payloads. */
    public String canonical() {
        return value.toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DestinationAddress other && family == other.family && canonical().equals(other.canonical());
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
