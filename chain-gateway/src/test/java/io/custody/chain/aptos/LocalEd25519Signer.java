package io.custody.chain.aptos;

import io.custody.chain.ExternalSignature;
import io.custody.chain.SignerPublicKey;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** Stands in for the MPC engine's threshold EdDSA in tests: a whole local key that answers only with signatures. */
final class LocalEd25519Signer {

    private final Ed25519PrivateKeyParameters key;

    private LocalEd25519Signer(Ed25519PrivateKeyParameters key) {
        this.key = key;
    }

    static LocalEd25519Signer fromSeedHex(String hex) {
        return new LocalEd25519Signer(new Ed25519PrivateKeyParameters(HexFormat.of().parseHex(hex.replace("0x", "")), 0));
    }

    static LocalEd25519Signer random() {
        return new LocalEd25519Signer(new Ed25519PrivateKeyParameters(new SecureRandom()));
    }

    SignerPublicKey.Ed25519 publicKey() {
        return new SignerPublicKey.Ed25519(key.generatePublicKey().getEncoded());
    }

    ExternalSignature.Ed25519 sign(byte[] message) {
        Ed25519Signer s = new Ed25519Signer();
        s.init(true, key);
        s.update(message, 0, message.length);
        return new ExternalSignature.Ed25519(s.generateSignature());
    }

    @Override
    public String toString() {
        return "LocalEd25519Signer[key hidden]";
    }
}
