package io.custody.mpc.frost;

/** A byte string that is not a canonical encoding of a group element, scalar or protocol message. */
public final class EncodingException extends IllegalArgumentException {
    public EncodingException(String message) {
        super(message);
    }
}
