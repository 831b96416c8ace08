package io.custody.mpc.storage;

import javax.security.auth.Destroyable;

/**
 * AES-256-GCM under a node's key-encryption key, wherever that key lives: in memory from a file or an environment
 * variable ({@link KeyEncryptionKey}, BouncyCastle), or inside a PKCS#11 token that never releases it
 * ({@link Pkcs11KeyEncryptionKey}). The share store only seals and opens through this.
 */
public interface ShareCipher extends Destroyable {

    /** Encrypts with a 96-bit nonce and 128-bit tag; returns ciphertext followed by the tag. */
    byte[] seal(byte[] nonce, byte[] associatedData, byte[] plaintext);

    /**
     * Decrypts and authenticates.
     *
     * @throws NotAuthenticException if the tag does not verify (tampering, wrong key, wrong associated data)
     */
    byte[] open(byte[] nonce, byte[] associatedData, byte[] ciphertext);

    /** The ciphertext or its context was altered, or it was sealed under another key. */
    final class NotAuthenticException extends RuntimeException {
        public NotAuthenticException(String message) {
            super(message);
        }
    }
}
