package io.custody.chain.aptos;

import io.custody.chain.SignerPublicKey;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** RFC 8032 Ed25519 verification through BouncyCastle; a key that does not decode to a point simply fails. */
final class Ed25519Verifier {

    private Ed25519Verifier() {
    }

    static boolean verify(SignerPublicKey.Ed25519 key, byte[] message, byte[] signature) {
        if (signature.length != 64) {
            return false;
        }
        try {
            Ed25519Signer v = new Ed25519Signer();
            v.init(false, new Ed25519PublicKeyParameters(key.encoded(), 0));
            v.update(message, 0, message.length);
            return v.verifySignature(signature);
        } catch (IllegalArgumentException badKey) {
            return false;
        }
    }
}
