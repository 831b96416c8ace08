package io.custody.mpc.client;

import java.util.Arrays;
import java.util.Objects;

/**
 * A signature the client has verified before returning it. ECDSA: 65 bytes r || s || v (low s, v in {0, 1}); Ed25519:
 * the 64-byte RFC 8032 signature. {@code signingPublicKey} is the key it verifies under (for ECDSA the key derived
 * along the request's path, compressed).
 */
public record SignatureResult(KeyRef key, SignatureScheme scheme, byte[] signature, byte[] signingPublicKey) {
    public SignatureResult {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(scheme, "scheme");
        signature = signature.clone();
        signingPublicKey = signingPublicKey.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public byte[] signingPublicKey() {
        return signingPublicKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignatureResult r && key.equals(r.key) && scheme == r.scheme
                && Arrays.equals(signature, r.signature) && Arrays.equals(signingPublicKey, r.signingPublicKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, scheme, Arrays.hashCode(signature));
    }
}
