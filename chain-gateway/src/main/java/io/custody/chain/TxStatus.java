package io.custody.chain;

/**
 * Where a transaction stands. {@code confirmations} counts the including block itself (1 right after inclusion).
 * {@link State#CONFIRMED} means it succeeded and reached the chain's finality (configured depth, and the chain's
 * finality tag where it has one); {@link State#FAILED} likewise means it failed and that failure is final. Before that
 * point an included transaction is {@link State#INCLUDED}, and {@code failure} says whether it currently looks
 * failed (reverted, or a token transfer without its {@code Transfer} log): a reorg could still re-include it
 * differently, so callers must not act on it as final.
 */
public record TxStatus(State state, long blockNumber, long confirmations, String failure) {

    public enum State { UNKNOWN, PENDING, INCLUDED, CONFIRMED, FAILED }

    /** A status with no failure noted. */
    public TxStatus(State state, long blockNumber, long confirmations) {
        this(state, blockNumber, confirmations, null);
    }

    public static TxStatus unknown() {
        return new TxStatus(State.UNKNOWN, -1, 0);
    }

    public static TxStatus pending() {
        return new TxStatus(State.PENDING, -1, 0);
    }

    /** True when the included transaction currently looks failed (final only once {@link #state()} is FAILED). */
    public boolean failing() {
        return failure != null;
    }
}
