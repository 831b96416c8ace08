package io.custody.chain.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.custody.chain.ChainAddress;
import io.custody.chain.ChainRef;
import io.custody.chain.evm.NonceManager;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nonce bookkeeping in a real PostgreSQL: a new manager on the same database (a restart) continues where the old
 * one stopped, and two managers sharing it (two gateway instances) never hand out the same nonce.
 */
class NonceStateInPostgresTest {

    static final ChainRef LOCAL = new ChainRef(ChainRef.ChainFamily.EVM, "31337");
    static GatewayDatabase db;

    /** The node's counts; only the first use of a sender asks them. */
    static final class NodeCounts implements NonceManager.ChainNonces {
        volatile BigInteger pending = BigInteger.ZERO;

        @Override
        public BigInteger minedCount(ChainAddress sender) {
            return pending;
        }

        @Override
        public BigInteger pendingCount(ChainAddress sender) {
            return pending;
        }
    }

    @BeforeAll
    static void start() {
        db = GatewayDatabase.start();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    static ChainAddress sender(int n) {
        return new ChainAddress(String.format("0x%040x", n));
    }

    @Test
    void after_a_restart_a_nonce_reserved_for_a_transfer_still_being_signed_is_not_handed_out_again() {
        NodeCounts node = new NodeCounts(); // nothing broadcast yet: the node's pending count stays 0
        ChainAddress s = sender(1);
        NonceManager before = new NonceManager(node, new JdbcNonceStore(db.dataSource()), LOCAL);
        assertThat(before.reserve(s)).isEqualTo(0);
        assertThat(before.reserve(s)).isEqualTo(1);
        before.release(s, BigInteger.ZERO);

        NonceManager after = new NonceManager(node, new JdbcNonceStore(db.dataSource()), LOCAL);
        assertThat(after.inFlight(s)).containsExactly(BigInteger.ONE);
        assertThat(after.reserve(s)).isEqualTo(0); // the released one first
        assertThat(after.reserve(s)).isEqualTo(2);

        // What the in-memory bookkeeping does after a restart: it trusts the node and reuses the reserved nonce 1.
        NonceManager forgetful = new NonceManager(node);
        assertThat(forgetful.reserve(s)).isEqualTo(0);
        assertThat(forgetful.reserve(s)).isEqualTo(1);
    }

    @Test
    void broadcast_nonces_survive_a_restart_and_a_reconciliation_then_reports_the_ones_the_node_lost() {
        NodeCounts node = new NodeCounts();
        ChainAddress s = sender(2);
        NonceManager before = new NonceManager(node, new JdbcNonceStore(db.dataSource()), LOCAL);
        for (int i = 0; i < 3; i++) {
            before.markBroadcast(s, before.reserve(s));
        }
        node.pending = BigInteger.ONE; // the node mined nonce 0 and lost 1 and 2 from its pool

        NonceManager after = new NonceManager(node, new JdbcNonceStore(db.dataSource()), LOCAL);
        NonceManager.Reconciliation r = after.reconcile(s);
        assertThat(r.lost()).containsExactly(BigInteger.ONE, BigInteger.TWO);
        assertThat(after.reserve(s)).isEqualTo(3);
    }

    @Test
    void two_instances_on_one_database_never_hand_out_the_same_nonce() throws Exception {
        NodeCounts node = new NodeCounts();
        ChainAddress s = sender(3);
        List<NonceManager> instances = List.of(new NonceManager(node, new JdbcNonceStore(db.dataSource()), LOCAL),
                new NonceManager(node, new JdbcNonceStore(db.dataSource()), LOCAL));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<BigInteger>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                NonceManager m = instances.get(i % 2);
                futures.add(pool.submit(() -> m.reserve(s)));
            }
            Set<BigInteger> got = new TreeSet<>();
            for (Future<BigInteger> f : futures) {
                got.add(f.get());
            }
            assertThat(got).hasSize(40);
            assertThat(got).allMatch(n -> n.compareTo(BigInteger.valueOf(40)) < 0);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void senders_and_chains_are_kept_apart() {
        NodeCounts node = new NodeCounts();
        NonceManager local = new NonceManager(node, new JdbcNonceStore(db.dataSource()), LOCAL);
        NonceManager other = new NonceManager(node, new JdbcNonceStore(db.dataSource()),
                new ChainRef(ChainRef.ChainFamily.EVM, "1"));
        local.reserve(sender(4));
        local.reserve(sender(4));
        assertThat(other.reserve(sender(4))).isEqualTo(0);
        assertThat(local.reserve(sender(5))).isEqualTo(0);
    }
}
