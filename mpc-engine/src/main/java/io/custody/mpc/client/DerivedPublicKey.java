package io.custody.mpc.client;

import java.util.Arrays;
import java.util.Objects;

/** A threshold ECDSA key derived along {@code path}: 33-byte compressed public key and its chain code. */
public record DerivedPublicKey(KeyRef key, DerivationPath path, byte[] publicKey, byte[] chainCode) {
    public DerivedPublicKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(path, "path");
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
        return o instanceof DerivedPublicKey d && key.equals(d.key) && path.equals(d.path)
                && Arrays.equals(publicKey, d.publicKey) && Arrays.equals(chainCode, d.chainCode);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, path, Arrays.hashCode(publicKey));
    }
}
