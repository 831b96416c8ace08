package io.custody.mpc.client;

/** The threshold signature schemes the cluster offers to sagas. */
public enum SignatureScheme {
    /** Threshold ECDSA on secp256k1 (EVM chains, Bitcoin-style chains); BIP32 non-hardened derivation. */
    ECDSA_SECP256K1,
    /** FROST Ed25519 (RFC 9591), producing plain Ed25519 signatures (Aptos, Solana-style chains); no derivation. */
    FROST_ED25519
}
