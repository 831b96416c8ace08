package io.custody.mpc.ecdsa.wire;

/** A payload that does not follow the encoding; the state machines turn it into an abort naming the sender. */
public final class MalformedMessageException extends RuntimeException {
    public MalformedMessageException(String message) {
        super(message);
    }
}
