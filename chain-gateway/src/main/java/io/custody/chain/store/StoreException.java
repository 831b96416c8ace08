package io.custody.chain.store;

/** Gateway state could not be read or written; the operation did not happen and may be retried. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
