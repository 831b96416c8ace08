package io.custody.mpc.storage;

/** No share is stored in the slot: the node never took part in that key's generation, or lost its data. */
public final class ShareMissingException extends ShareStoreException {
    public ShareMissingException(ShareSlot slot) {
        super("no key share stored for " + slot.wallet() + "/" + slot.key() + " (" + slot.protocol() + ")");
    }
}
