package io.custody.chain;

/**
 * Where a transaction stands. {@code confirmations} counts the including block itself (1 right after inclusion);
 * {@link State#CONFIRMED} means it reached the chain's configured depth.
 */
public record TxStatus(State state, long blockNumber, long confirmations) {

    public enum State { UNKNOWN, PENDING, INCLUDED, CONFIRMED, FAILED }

    public static TxStatus unknown() {
        return new TxStatus(State.UNKNOWN, -1, 0);
    }

    public static TxStatus pending() {
        return new TxStatus(State.PENDING, -1, 0);
    }
}
