package io.custody.mpc.node;

import io.custody.mpc.storage.EncryptedShareStore;
import io.custody.mpc.storage.KeyId;
import io.custody.mpc.storage.ShareSlot;
import io.custody.mpc.storage.WalletId;

import java.security.SecureRandom;

/**
 * The 32-byte key that seals a node's safe-prime pool file. It is random, made once, and kept in the node's encrypted
 * share store under a reserved slot, so it is protected by the node's key-encryption key exactly as the shares and
 * identity keys are, also when that key lives in a PKCS#11 token and cannot be used to derive anything outside it.
 */
public final class PrimePoolKey {

    private static final ShareSlot SLOT = new ShareSlot(new WalletId("node-identity"), new KeyId("safe-prime-pool"),
            "ecdsa-prime-pool/1");

    private PrimePoolKey() {
    }

    /** The node's pool key, created on first use; the caller wipes the returned array once the pool has copied it. */
    public static synchronized byte[] loadOrCreate(EncryptedShareStore store, SecureRandom random) {
        if (store.exists(SLOT)) {
            byte[] key = store.get(SLOT);
            if (key.length != 32) {
                java.util.Arrays.fill(key, (byte) 0);
                throw new IllegalStateException("stored safe-prime pool key has the wrong length");
            }
            return key;
        }
        byte[] key = new byte[32];
        random.nextBytes(key);
        store.put(SLOT, key);
        return key;
    }
}
