package io.custody.mpc.node;

import io.custody.mpc.storage.EncryptedShareStore;
import io.custody.mpc.storage.KeyId;
import io.custody.mpc.storage.ShareSlot;
import io.custody.mpc.storage.WalletId;

import java.security.SecureRandom;
import java.util.Arrays;

/** Keeps a node's identity keys in the same encrypted store as its key shares, under a reserved slot. */
public final class IdentityVault {

    private static final ShareSlot SLOT = new ShareSlot(new WalletId("node-identity"), new KeyId("identity"),
            "node-identity/1");

    private IdentityVault() {
    }

    public static NodeIdentity loadOrCreate(EncryptedShareStore store, NodeId id, SecureRandom random) {
        if (store.exists(SLOT)) {
            return NodeIdentity.fromBytes(id, store.get(SLOT));
        }
        NodeIdentity fresh = NodeIdentity.generate(id, random);
        save(store, fresh);
        return fresh;
    }

    public static void save(EncryptedShareStore store, NodeIdentity identity) {
        byte[] b = identity.toBytes();
        try {
            store.put(SLOT, b);
        } finally {
            Arrays.fill(b, (byte) 0);
        }
    }
}
