package io.custody.mpc.frost;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Holder of one secret scalar (a key share, a nonce, a polynomial coefficient). Kept as bytes so that
 * {@link #destroy()} can overwrite it; the short-lived {@link BigInteger} copies made for arithmetic cannot be wiped,
 * which is a JVM limit recorded in ADR frost-001. Never printed.
 */
public final class SecretScalar {

    private final byte[] bytes;
    private boolean destroyed;

    private SecretScalar(byte[] bytes) {
        this.bytes = bytes;
    }

    public static SecretScalar of(BigInteger value) {
        return new SecretScalar(Ed25519Sha512.toFixed(value, 32));
    }

    public BigInteger value() {
        if (destroyed) {
            throw new IllegalStateException("secret already destroyed");
        }
        return new BigInteger(1, bytes);
    }

    public boolean isDestroyed() {
        return destroyed;
    }

    public void destroy() {
        Arrays.fill(bytes, (byte) 0);
        destroyed = true;
    }

    @Override
    public String toString() {
        return "SecretScalar[redacted]";
    }
}
