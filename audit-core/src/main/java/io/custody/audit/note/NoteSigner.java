package io.custody.audit.note;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** Signs note texts with an Ed25519 key under a key name (C2SP signed-note). Holds the private key; never logs it. */
public final class NoteSigner {

    private final Ed25519PrivateKeyParameters privateKey;
    private final NoteKey key;

    public NoteSigner(String name, byte[] privateKeySeed) {
        if (privateKeySeed == null || privateKeySeed.length != 32) {
            throw new IllegalArgumentException("an Ed25519 private key is a 32-byte seed");
        }
        this.privateKey = new Ed25519PrivateKeyParameters(privateKeySeed, 0);
        this.key = new NoteKey(name, privateKey.generatePublicKey().getEncoded());
    }

    public static NoteSigner generate(String name, SecureRandom random) {
        Ed25519PrivateKeyParameters generated = new Ed25519PrivateKeyParameters(random);
        return new NoteSigner(name, generated.getEncoded());
    }

    public NoteKey key() {
        return key;
    }

    /** The private key seed, for writing a generated development key to its file. */
    public byte[] privateKeySeed() {
        return privateKey.getEncoded();
    }

    /** The signed note: {@code text}, a blank line and this key's signature line. */
    public String sign(String text) {
        SignedNote.checkText(text);
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(message, 0, message.length);
        byte[] signature = signer.generateSignature();
        byte[] keyIdAndSignature = ByteBuffer.allocate(4 + signature.length).putInt(key.keyId()).put(signature)
                .array();
        return text + "\n" + SignedNote.SIGNATURE_PREFIX + key.name() + " "
                + Base64.getEncoder().encodeToString(keyIdAndSignature) + "\n";
    }
}
