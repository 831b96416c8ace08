package io.custody.chain.aptos;

import io.custody.chain.SignerPublicKey;

/**
 * Authentication keys: sha3-256 of the public key material followed by a one-byte scheme id (0 = Ed25519,
 * 1 = MultiEd25519). For an account that never rotated its key, the address equals the authentication key.
 */
public final class AuthenticationKeys {

    static final byte ED25519_SCHEME = 0x00;
    static final byte MULTI_ED25519_SCHEME = 0x01;

    private AuthenticationKeys() {
    }

    public static AptosAddress ed25519(SignerPublicKey.Ed25519 key) {
        return withScheme(key.encoded(), ED25519_SCHEME);
    }

    public static AptosAddress multiEd25519(MultiEd25519PublicKey key) {
        return withScheme(key.bytes(), MULTI_ED25519_SCHEME);
    }

    private static AptosAddress withScheme(byte[] material, byte scheme) {
        byte[] in = new byte[material.length + 1];
        System.arraycopy(material, 0, in, 0, material.length);
        in[material.length] = scheme;
        return new AptosAddress(RawTransaction.sha3(in));
    }
}
