package io.custody.chain.rpc;

/**
 * Every configured endpoint answered with a chain id other than the pinned one: retrying cannot help, and using any
 * of them would read or send on the wrong chain.
 */
public class WrongChainException extends RuntimeException {
    public WrongChainException(String message) {
        super(message);
    }
}
