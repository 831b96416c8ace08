package io.custody.chain;

import java.util.Objects;

/** Which chain: the family that decides encoding and signature scheme, and the network id within it. */
public record ChainRef(ChainFamily family, String networkId) {
    public ChainRef {
        Objects.requireNonNull(family, "family");
        if (networkId == null || networkId.isBlank()) {
            throw new IllegalArgumentException("networkId must not be blank");
        }
    }

    public enum ChainFamily { EVM, APTOS }
}
