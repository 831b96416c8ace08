package io.custody.api.wallet;

/**
 * The signature scheme family a custody wallet's key lives in, which fixes how its addresses and signer addresses look.
 */
public enum ChainFamily {
    /** Ethereum and EVM chains: secp256k1 keys, 20-byte addresses. */
    EVM,
    /** Aptos: Ed25519 keys, 32-byte account addresses. */
    APTOS
}
