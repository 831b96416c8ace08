package io.custody.mpc.storage;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.util.Arrays;

/**
 * A key-encryption key that stays inside a PKCS#11 token (an HSM, or SoftHSM in tests): the JDK's SunPKCS11 provider
 * is configured from a provider configuration file, the token is logged in with a PIN, and AES-256-GCM runs on the
 * token under the AES key stored there with the given alias. The key bytes never enter the JVM.
 */
public final class Pkcs11KeyEncryptionKey implements ShareCipher {

    private final Provider provider;
    private final SecretKey key;
    private boolean destroyed;

    private Pkcs11KeyEncryptionKey(Provider provider, SecretKey key) {
        this.provider = provider;
        this.key = key;
    }

    /**
     * @param providerConfig SunPKCS11 configuration file (library path and slot)
     * @param pin            the token user's PIN; wiped by the caller afterwards
     * @param alias          label of the AES key in the token
     */
    public static Pkcs11KeyEncryptionKey open(Path providerConfig, char[] pin, String alias) {
        Provider base = Security.getProvider("SunPKCS11");
        if (base == null) {
            throw new IllegalStateException("the SunPKCS11 provider is not available in this JDK");
        }
        try {
            Provider provider = base.configure(providerConfig.toString());
            KeyStore store = KeyStore.getInstance("PKCS11", provider);
            store.load(null, pin);
            Key key = store.getKey(alias, null);
            if (!(key instanceof SecretKey secret) || !"AES".equalsIgnoreCase(key.getAlgorithm())) {
                throw new IllegalArgumentException("PKCS#11 token has no AES key with alias " + alias);
            }
            return new Pkcs11KeyEncryptionKey(provider, secret);
        } catch (GeneralSecurityException | java.io.IOException e) {
            // The message of the provider may name the token; it never contains the PIN.
            throw new ShareStoreException("cannot open the PKCS#11 key-encryption key " + alias + ": "
                    + e.getClass().getSimpleName(), e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, byte[] associatedData) throws GeneralSecurityException {
        if (destroyed) {
            throw new IllegalStateException("key-encryption key closed");
        }
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding", provider);
        c.init(mode, key, new GCMParameterSpec(128, nonce));
        c.updateAAD(associatedData);
        return c;
    }

    @Override
    public byte[] seal(byte[] nonce, byte[] associatedData, byte[] plaintext) {
        try {
            return cipher(Cipher.ENCRYPT_MODE, nonce, associatedData).doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new ShareStoreException("PKCS#11 encryption failed: " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public byte[] open(byte[] nonce, byte[] associatedData, byte[] ciphertext) {
        try {
            return cipher(Cipher.DECRYPT_MODE, nonce, associatedData).doFinal(ciphertext);
        } catch (AEADBadTagException e) {
            throw new NotAuthenticException("authentication tag does not verify");
        } catch (GeneralSecurityException e) {
            // Some tokens report a failed tag as a generic error; either way the share is not used.
            throw new NotAuthenticException("PKCS#11 decryption failed: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public void destroy() {
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "Pkcs11KeyEncryptionKey[" + provider.getName() + ", key held by the token]";
    }

    /** Wipes a PIN array once the token is logged in. */
    public static void wipe(char[] pin) {
        Arrays.fill(pin, '\0');
    }
}
