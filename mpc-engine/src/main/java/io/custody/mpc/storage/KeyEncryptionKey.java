package io.custody.mpc.storage;

import javax.security.auth.Destroyable;
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
public final class KeyEncryptionKey implements Destroyable {

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
