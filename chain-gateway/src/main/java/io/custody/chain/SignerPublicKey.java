package io.custody.chain;

import java.util.Arrays;
import java.util.HexFormat;

/** The public half of a (threshold) key, as produced by the MPC engine's key generation. */
public sealed interface SignerPublicKey {

    byte[] encoded();

    /** SEC1 encoding: 33 bytes compressed or 65 bytes uncompressed. Validated against the curve on use. */
    record Secp256k1(byte[] encoded) implements SignerPublicKey {
        public Secp256k1 {
            if (encoded == null || (encoded.length != 33 && encoded.length != 65)) {
                throw new IllegalArgumentException("secp256k1 public key must be 33 or 65 bytes");
            }
            encoded = encoded.clone();
        }

        @Override
        public byte[] encoded() {
            return encoded.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Secp256k1 k && Arrays.equals(encoded, k.encoded);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(encoded);
        }

        @Override
        public String toString() {
            return "Secp256k1[" + HexFormat.of().formatHex(encoded) + "]";
        }
    }

    /** RFC 8032 encoding, 32 bytes. */
    record Ed25519(byte[] encoded) implements SignerPublicKey {
        public Ed25519 {
            if (encoded == null || encoded.length != 32) {
                throw new IllegalArgumentException("Ed25519 public key must be 32 bytes");
            }
            encoded = encoded.clone();
        }

        @Override
        public byte[] encoded() {
            return encoded.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ed25519 k && Arrays.equals(encoded, k.encoded);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(encoded);
        }

        @Override
        public String toString() {
            return "Ed25519[" + HexFormat.of().formatHex(encoded) + "]";
        }
    }
}
