package io.custody.chain.evm;

import io.custody.chain.ChainAddress;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Hands out nonces per sender so that no two in-flight transactions ever share one. State starts from the chain's
 * pending count (so a restart picks up where the node is), released nonces are reused lowest-first so no gap blocks
 * later transactions, and {@link #reconcile} realigns with the node after failures.
 */
public final class NonceManager {

    /** Where the chain's view of a sender's nonce comes from. */
    public interface ChainNonces {
        /** Transactions mined from this sender (eth_getTransactionCount at "latest"). */
        BigInteger minedCount(ChainAddress sender);

        /** Mined plus queued in the node's pool (eth_getTransactionCount at "pending"). */
        BigInteger pendingCount(ChainAddress sender);
    }

    /**
     * What a reconciliation found: {@code lost} are nonces we broadcast that the node no longer knows (dropped from
     * its pool) and must be rebroadcast or cancelled; {@code taken} are nonces we had reserved that the chain already
     * used for something else.
     */
    public record Reconciliation(BigInteger mined, BigInteger pending, NavigableSet<BigInteger> lost,
                                 NavigableSet<BigInteger> taken) {
    }

    private final ChainNonces chain;
    private final Map<ChainAddress, SenderState> senders = new HashMap<>();

    public NonceManager(ChainNonces chain) {
        this.chain = Objects.requireNonNull(chain);
    }

    public synchronized BigInteger reserve(ChainAddress sender) {
        SenderState st = state(sender);
        BigInteger n = st.free.isEmpty() ? st.takeNext() : st.free.pollFirst();
        st.reserved.add(n);
        return n;
    }

    /** The transaction with this nonce will never be broadcast; the nonce goes back to the pool. */
    public synchronized void release(ChainAddress sender, BigInteger nonce) {
        SenderState st = state(sender);
        if (st.reserved.remove(nonce)) {
            st.free.add(nonce);
        }
    }

    /** The node accepted a transaction with this nonce. Replacements of it keep the same nonce. */
    public synchronized void markBroadcast(ChainAddress sender, BigInteger nonce) {
        SenderState st = state(sender);
        st.reserved.remove(nonce);
        st.free.remove(nonce);
        st.broadcast.add(nonce);
    }

    public synchronized Reconciliation reconcile(ChainAddress sender) {
        SenderState st = state(sender);
        BigInteger mined = chain.minedCount(sender);
        BigInteger pending = chain.pendingCount(sender);
        st.broadcast.removeIf(n -> n.compareTo(mined) < 0);
        NavigableSet<BigInteger> lost = new TreeSet<>(st.broadcast.tailSet(pending, true));
        NavigableSet<BigInteger> taken = new TreeSet<>(st.reserved.headSet(pending, false));
        st.reserved.removeAll(taken);
        st.free.removeIf(n -> n.compareTo(pending) < 0);
        if (st.next.compareTo(pending) < 0) {
            st.next = pending;
        }
        return new Reconciliation(mined, pending, lost, taken);
    }

    /** Nonces handed out and not yet known to be mined, for observation and tests. */
    public synchronized NavigableSet<BigInteger> inFlight(ChainAddress sender) {
        SenderState st = state(sender);
        TreeSet<BigInteger> all = new TreeSet<>(st.reserved);
        all.addAll(st.broadcast);
        return all;
    }

    private SenderState state(ChainAddress sender) {
        return senders.computeIfAbsent(sender, s -> new SenderState(chain.pendingCount(s)));
    }

    private static final class SenderState {
        BigInteger next;
        final NavigableSet<BigInteger> reserved = new TreeSet<>();
        final NavigableSet<BigInteger> broadcast = new TreeSet<>();
        final NavigableSet<BigInteger> free = new TreeSet<>();

        SenderState(BigInteger next) {
            this.next = next;
        }

        BigInteger takeNext() {
            BigInteger n = next;
            next = next.add(BigInteger.ONE);
            return n;
        }
    }
}
