package io.custody.chain.evm;

import io.custody.chain.ChainAddress;
import io.custody.chain.ChainRef;
import io.custody.chain.store.InMemoryNonceStore;
import io.custody.chain.store.NonceStore;
import java.math.BigInteger;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Hands out nonces per sender so that no two in-flight transactions ever share one. State starts from the chain's
 * pending count (so a restart picks up where the node is), released nonces are reused lowest-first so no gap blocks
 * later transactions, and {@link #reconcile} realigns with the node after failures. The bookkeeping lives in a
 * {@link NonceStore}: in PostgreSQL ({@code JdbcNonceStore}) it survives restarts, where the node's pending count alone
 * would hand a nonce that is reserved but not yet broadcast out a second time.
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
    private final NonceStore store;
    private final ChainRef chainRef;

    /** Bookkeeping in memory only: lost on restart, where it is rebuilt from the node's pending count. */
    public NonceManager(ChainNonces chain) {
        this(chain, new InMemoryNonceStore(), new ChainRef(ChainRef.ChainFamily.EVM, "unpinned"));
    }

    /** Bookkeeping in {@code store}, keyed by {@code chainRef}: survives restarts and is shared by instances. */
    public NonceManager(ChainNonces chain, NonceStore store, ChainRef chainRef) {
        this.chain = Objects.requireNonNull(chain);
        this.store = Objects.requireNonNull(store);
        this.chainRef = Objects.requireNonNull(chainRef);
    }

    public BigInteger reserve(ChainAddress sender) {
        return update(sender, st -> {
            BigInteger n = st.free.isEmpty() ? st.takeNext() : st.free.pollFirst();
            st.reserved.add(n);
            return n;
        });
    }

    /** The transaction with this nonce will never be broadcast; the nonce goes back to the pool. */
    public void release(ChainAddress sender, BigInteger nonce) {
        update(sender, st -> {
            if (st.reserved.remove(nonce)) {
                st.free.add(nonce);
            }
            return null;
        });
    }

    /** The node accepted a transaction with this nonce. Replacements of it keep the same nonce. */
    public void markBroadcast(ChainAddress sender, BigInteger nonce) {
        update(sender, st -> {
            st.reserved.remove(nonce);
            st.free.remove(nonce);
            st.broadcast.add(nonce);
            return null;
        });
    }

    /**
     * A broadcast transaction with this nonce can provably never be mined any more (an Aptos transaction whose
     * expiration the ledger's clock has passed, uncommitted) and nothing else will be signed for it: the nonce goes
     * back to the pool, so later transfers of the sender do not wait behind a gap.
     */
    public void expired(ChainAddress sender, BigInteger nonce) {
        update(sender, st -> {
            if (st.broadcast.remove(nonce) || st.reserved.remove(nonce)) {
                st.free.add(nonce);
            }
            return null;
        });
    }

    public Reconciliation reconcile(ChainAddress sender) {
        // The node is asked before the state is locked, so no lock is held across RPC calls.
        BigInteger mined = chain.minedCount(sender);
        BigInteger pending = chain.pendingCount(sender);
        return update(sender, st -> {
            st.broadcast.removeIf(n -> n.compareTo(mined) < 0);
            NavigableSet<BigInteger> lost = new TreeSet<>(st.broadcast.tailSet(pending, true));
            NavigableSet<BigInteger> taken = new TreeSet<>(st.reserved.headSet(pending, false));
            st.reserved.removeAll(taken);
            st.free.removeIf(n -> n.compareTo(pending) < 0);
            if (st.next.compareTo(pending) < 0) {
                st.next = pending;
            }
            return new Reconciliation(mined, pending, lost, taken);
        });
    }

    /** Nonces handed out and not yet known to be mined, for observation and tests. */
    public NavigableSet<BigInteger> inFlight(ChainAddress sender) {
        return update(sender, st -> {
            TreeSet<BigInteger> all = new TreeSet<>(st.reserved);
            all.addAll(st.broadcast);
            return all;
        });
    }

    private <R> R update(ChainAddress sender, java.util.function.Function<SenderState, R> op) {
        return store.update(chainRef, sender, () -> chain.pendingCount(sender), stored -> {
            SenderState st = new SenderState(stored);
            R result = op.apply(st);
            return new NonceStore.Change<>(st.toState(), result);
        });
    }

    /** A mutable working copy of the stored state for the length of one update. */
    private static final class SenderState {
        BigInteger next;
        final NavigableSet<BigInteger> reserved;
        final NavigableSet<BigInteger> broadcast;
        final NavigableSet<BigInteger> free;

        SenderState(NonceStore.NonceState s) {
            next = s.next();
            reserved = new TreeSet<>(s.reserved());
            broadcast = new TreeSet<>(s.broadcast());
            free = new TreeSet<>(s.free());
        }

        BigInteger takeNext() {
            BigInteger n = next;
            next = next.add(BigInteger.ONE);
            return n;
        }

        NonceStore.NonceState toState() {
            return new NonceStore.NonceState(next, reserved, broadcast, free);
        }
    }
}
