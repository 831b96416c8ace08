package io.custody.chain;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

/** A signature produced outside the gateway over an {@link UnsignedTransfer#signingDigest()}. */
public sealed interface ExternalSignature {

    /** secp256k1 ECDSA with the recovery id (0 or 1) that tells which of the two candidate points R was. */
    record Ecdsa(BigInteger r, BigInteger s, int recoveryId) implements ExternalSignature {
        public Ecdsa {
            Objects.requireNonNull(r, "r");
            Objects.requireNonNull(s, "s");
        }
    }

    /** RFC 8032 Ed25519, 64 bytes (R || S). */
    record Ed25519(byte[] bytes) implements ExternalSignature {
        public Ed25519 {
            if (bytes == null || bytes.length != 64) {
                throw new IllegalArgumentException("Ed25519 signature must be 64 bytes");
            }
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ed25519 e && Arrays.equals(bytes, e.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }
}
