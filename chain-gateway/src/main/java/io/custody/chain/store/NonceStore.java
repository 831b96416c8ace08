package io.custody.chain.store;

import io.custody.chain.ChainAddress;
import io.custody.chain.ChainRef;
import java.math.BigInteger;
import java.util.Collections;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Where a sender's nonce bookkeeping lives, so that a restart (or another gateway instance on the same database)
 * never hands out a nonce that is still reserved or in flight. {@link #update} is the only way to change it: it runs
 * the change under a lock that excludes every other user of the same store and keeps the result.
 */
public interface NonceStore {

    /**
     * One sender's state: the next never-used nonce, nonces reserved for transfers being signed, nonces broadcast
     * and not yet known mined, and released nonces to hand out again before {@code next}.
     */
    record NonceState(BigInteger next, NavigableSet<BigInteger> reserved, NavigableSet<BigInteger> broadcast,
                      NavigableSet<BigInteger> free) {
        public NonceState {
            Objects.requireNonNull(next, "next");
            reserved = Collections.unmodifiableNavigableSet(new TreeSet<>(reserved));
            broadcast = Collections.unmodifiableNavigableSet(new TreeSet<>(broadcast));
            free = Collections.unmodifiableNavigableSet(new TreeSet<>(free));
        }

        public static NonceState startingAt(BigInteger next) {
            return new NonceState(next, new TreeSet<>(), new TreeSet<>(), new TreeSet<>());
        }
    }

    /** What a change leaves behind and what it answers to its caller. */
    record Change<R>(NonceState state, R result) {
    }

    /**
     * Atomically applies {@code change} to the sender's state; a sender seen for the first time starts at
     * {@code firstNext} (the node's pending count), which is asked only then.
     */
    <R> R update(ChainRef chain, ChainAddress sender, Supplier<BigInteger> firstNext, Function<NonceState, Change<R>> change);
}
