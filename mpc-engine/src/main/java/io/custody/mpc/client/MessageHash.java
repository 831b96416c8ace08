package io.custody.mpc.client;

/**
 * How the nodes hash the message before signing. The caller never passes a digest: the nodes hash what they sign,
 * so a caller cannot get a signature over a digest whose message nobody saw (docs/adr/ecdsa-003).
 */
public enum MessageHash {
    /** Keccak-256 (Ethereum transactions and messages), ECDSA only. */
    KECCAK_256,
    /** SHA-256, ECDSA only. */
    SHA_256,
    /** Ed25519's own SHA-512 inside the signature (RFC 8032 PureEdDSA), FROST Ed25519 only. */
    ED25519_PURE
}
