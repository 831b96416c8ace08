package io.custody.mpc.storage;

/** A share could not be read or written; subclasses say whether it is missing or corrupt. */
public class ShareStoreException extends RuntimeException {
    public ShareStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public ShareStoreException(String message) {
        super(message);
    }
}
