package io.custody.chain;

import java.util.Arrays;
import java.util.Objects;

/** The broadcastable bytes and the hash the chain will know them by. */
public record SignedTransaction(ChainRef chain, byte[] raw, TxHash hash) {
    public SignedTransaction {
        Objects.requireNonNull(chain, "chain");
        raw = Objects.requireNonNull(raw, "raw").clone();
        Objects.requireNonNull(hash, "hash");
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedTransaction t && chain.equals(t.chain) && Arrays.equals(raw, t.raw) && hash.equals(t.hash);
    }

    @Override
    public int hashCode() {
        return hash.hashCode();
    }

    @Override
    public String toString() {
        return "SignedTransaction[" + chain + ", " + hash + "]";
    }
}
