package io.custody.chain.store;

import io.custody.chain.ChainAddress;
import io.custody.chain.ChainRef;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/** A {@link NonceStore} for one process that may forget everything: tests and single-run tools. */
public final class InMemoryNonceStore implements NonceStore {

    private final Map<String, NonceState> states = new HashMap<>();

    @Override
    public synchronized <R> R update(ChainRef chain, ChainAddress sender, Supplier<BigInteger> firstNext,
                                     Function<NonceState, Change<R>> change) {
        String key = chain.family() + ":" + chain.networkId() + ":" + sender.value().toLowerCase();
        NonceState current = states.get(key);
        if (current == null) {
            current = NonceState.startingAt(firstNext.get());
        }
        Change<R> c = change.apply(current);
        states.put(key, c.state());
        return c.result();
    }
}
