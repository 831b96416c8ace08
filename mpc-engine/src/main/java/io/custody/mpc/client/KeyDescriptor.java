package io.custody.mpc.client;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Public facts about a threshold key, safe to store and show: its scheme, how many of which nodes must sign, and the
 * chain-independent public key (33-byte compressed secp256k1 or 32-byte Ed25519) with, for ECDSA, the 32-byte BIP32
 * chain code (empty for Ed25519). Chain adapters derive addresses from these.
 */
public record KeyDescriptor(KeyRef key, SignatureScheme scheme, int threshold, List<String> nodes, byte[] publicKey,
                            byte[] chainCode) {
    public KeyDescriptor {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(scheme, "scheme");
        nodes = List.copyOf(nodes);
        publicKey = publicKey.clone();
        chainCode = chainCode.clone();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public byte[] chainCode() {
        return chainCode.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyDescriptor d && key.equals(d.key) && scheme == d.scheme && threshold == d.threshold
                && nodes.equals(d.nodes) && Arrays.equals(publicKey, d.publicKey) && Arrays.equals(chainCode, d.chainCode);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, scheme, threshold, nodes, Arrays.hashCode(publicKey));
    }

    @Override
    public String toString() {
        return "KeyDescriptor[" + key + " " + scheme + " " + threshold + "-of-" + nodes.size() + " "
                + org.bouncycastle.util.encoders.Hex.toHexString(publicKey) + "]";
    }
}
