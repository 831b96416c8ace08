package io.custody.mpc.storage;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * The 256-bit AES key that encrypts a node's key shares. Comes from configuration: a file holding 32 raw bytes or
 * their Base64 text, or an environment variable holding Base64. Never printed; {@link #destroy()} wipes it.
 */
public final class KeyEncryptionKey implements ShareCipher {

    private final byte[] key;
    private boolean destroyed;

    private KeyEncryptionKey(byte[] key) {
        if (key.length != 32) {
            Arrays.fill(key, (byte) 0);
            throw new IllegalArgumentException("key-encryption key must be 32 bytes (AES-256)");
        }
        this.key = key;
    }

    public static KeyEncryptionKey of(byte[] key) {
        return new KeyEncryptionKey(key.clone());
    }

    public static KeyEncryptionKey fromFile(Path file) {
        try {
            byte[] raw = Files.readAllBytes(file);
            if (raw.length == 32) {
                return new KeyEncryptionKey(raw);
            }
            String text = new String(raw, StandardCharsets.US_ASCII).trim();
            Arrays.fill(raw, (byte) 0);
            return new KeyEncryptionKey(Base64.getDecoder().decode(text));
        } catch (IOException e) {
            throw new ShareStoreException("cannot read key-encryption key file " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key-encryption key file " + file + " holds neither 32 bytes nor Base64 of 32 bytes");
        }
    }

    public static KeyEncryptionKey fromEnvironment(String variable, Map<String, String> environment) {
        String value = environment.get(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("environment variable " + variable + " is not set");
        }
        try {
            return new KeyEncryptionKey(Base64.getDecoder().decode(value.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("environment variable " + variable + " must hold Base64 of 32 bytes");
        }
    }

    byte[] bytes() {
        if (destroyed) {
            throw new IllegalStateException("key-encryption key destroyed");
        }
        return key;
    }

    @Override
    public byte[] seal(byte[] nonce, byte[] associatedData, byte[] plaintext) {
        GCMModeCipher gcm = gcm(true, nonce, associatedData);
        byte[] out = new byte[gcm.getOutputSize(plaintext.length)];
        int n = gcm.processBytes(plaintext, 0, plaintext.length, out, 0);
        try {
            gcm.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("GCM encryption cannot fail", e);
        }
        return out;
    }

    @Override
    public byte[] open(byte[] nonce, byte[] associatedData, byte[] ciphertext) {
        GCMModeCipher gcm = gcm(false, nonce, associatedData);
        byte[] out = new byte[gcm.getOutputSize(ciphertext.length)];
        int n = gcm.processBytes(ciphertext, 0, ciphertext.length, out, 0);
        try {
            gcm.doFinal(out, n);
            return out;
        } catch (InvalidCipherTextException e) {
            Arrays.fill(out, (byte) 0);
            throw new NotAuthenticException("authentication tag does not verify");
        }
    }

    private GCMModeCipher gcm(boolean encrypt, byte[] nonce, byte[] associatedData) {
        GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
        gcm.init(encrypt, new AEADParameters(new KeyParameter(bytes()), 128, nonce, associatedData));
        return gcm;
    }

    @Override
    public void destroy() {
        Arrays.fill(key, (byte) 0);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "KeyEncryptionKey[redacted]";
    }
}
