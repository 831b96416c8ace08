package io.custody.mpc.node;

import java.util.Arrays;
import java.util.Base64;

/** A node's public keys as the roster publishes them: Ed25519 for signatures, X25519 for key agreement. */
public record PeerKeys(byte[] signing, byte[] agreement) {
    public PeerKeys {
        if (signing.length != 32 || agreement.length != 32) {
            throw new IllegalArgumentException("public keys must be 32 bytes each");
        }
        signing = signing.clone();
        agreement = agreement.clone();
    }

    @Override
    public byte[] signing() {
        return signing.clone();
    }

    @Override
    public byte[] agreement() {
        return agreement.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PeerKeys k && Arrays.equals(signing, k.signing) && Arrays.equals(agreement, k.agreement);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(signing) * 31 + Arrays.hashCode(agreement);
    }

    @Override
    public String toString() {
        return "PeerKeys[sign=" + Base64.getEncoder().encodeToString(signing) + "]";
    }
}
