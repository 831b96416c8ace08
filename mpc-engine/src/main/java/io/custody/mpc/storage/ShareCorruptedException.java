package io.custody.mpc.storage;

/**
 * The stored bytes do not authenticate: tampered, truncated, moved from another slot or encrypted under another key.
 * The share is not used; the node must be restored from backup or the key refreshed without it.
 */
public final class ShareCorruptedException extends ShareStoreException {
    public ShareCorruptedException(ShareSlot slot, String reason) {
        super("key share for " + slot.wallet() + "/" + slot.key() + " (" + slot.protocol() + ") is corrupt: " + reason);
    }
}
