package io.custody.chain;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A transaction ready to be signed. {@code payload} is the chain's exact unsigned encoding; the adapter recomputes
 * {@code signingDigest} from it when assembling, so a digest altered in transit cannot be smuggled in.
 * {@code signingDigest} is what the signer signs: for secp256k1 ECDSA (EVM) the 32-byte keccak256 digest; for Ed25519
 * (Aptos) the whole signing message, because Ed25519 hashes its input itself. {@code sequence} is the nonce (EVM) or
 * sequence number (Aptos) it consumes.
 */
public record UnsignedTransfer(ChainRef chain, ChainAddress from, long sequence, byte[] payload, byte[] signingDigest) {
    public UnsignedTransfer {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(from, "from");
        payload = Objects.requireNonNull(payload, "payload").clone();
        signingDigest = Objects.requireNonNull(signingDigest, "signingDigest").clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public byte[] signingDigest() {
        return signingDigest.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnsignedTransfer u && chain.equals(u.chain) && from.equals(u.from) && sequence == u.sequence
                && Arrays.equals(payload, u.payload) && Arrays.equals(signingDigest, u.signingDigest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(chain, from, sequence, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "UnsignedTransfer[" + chain + ", from=" + from + ", sequence=" + sequence
                + ", digest=" + HexFormat.of().formatHex(signingDigest) + "]";
    }
}
