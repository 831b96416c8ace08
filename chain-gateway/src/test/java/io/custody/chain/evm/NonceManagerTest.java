package io.custody.chain.evm;

import static org.assertj.core.api.Assertions.assertThat;

import io.custody.chain.ChainAddress;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class NonceManagerTest {

    static final ChainAddress SENDER = new ChainAddress("0x00000000000000000000000000000000000000aa");

    /** A chain whose counts the test sets directly. */
    static final class FakeChain implements NonceManager.ChainNonces {
        volatile BigInteger mined = BigInteger.ZERO;
        volatile BigInteger pending = BigInteger.ZERO;

        @Override
        public BigInteger minedCount(ChainAddress sender) {
            return mined;
        }

        @Override
        public BigInteger pendingCount(ChainAddress sender) {
            return pending;
        }
    }

    @Test
    void starts_from_the_chains_pending_count_after_a_restart() {
        FakeChain chain = new FakeChain();
        chain.pending = BigInteger.valueOf(42);
        assertThat(new NonceManager(chain).reserve(SENDER)).isEqualTo(BigInteger.valueOf(42));
    }

    @Test
    void a_broadcast_nonce_that_provably_expired_goes_back_to_the_pool_and_a_live_one_does_not() {
        NonceManager m = new NonceManager(new FakeChain());
        BigInteger first = m.reserve(SENDER);
        BigInteger second = m.reserve(SENDER);
        m.markBroadcast(SENDER, first);
        m.markBroadcast(SENDER, second);
        m.release(SENDER, first); // a broadcast nonce is never released: its signed bytes may still be mined
        assertThat(m.inFlight(SENDER)).containsExactly(first, second);

        m.expired(SENDER, first);
        assertThat(m.inFlight(SENDER)).containsExactly(second);
        assertThat(m.reserve(SENDER)).as("the expired number is the next one handed out").isEqualTo(first);
        assertThat(m.reserve(SENDER)).isEqualTo(BigInteger.TWO);
    }

    @Test
    void concurrent_reservations_never_share_a_nonce_and_leave_no_gap() throws Exception {
        NonceManager m = new NonceManager(new FakeChain());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<BigInteger>> futures = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            futures.add(pool.submit(() -> {
                go.await();
                return m.reserve(SENDER);
            }));
        }
        go.countDown();
        List<BigInteger> got = new ArrayList<>();
        for (Future<BigInteger> f : futures) {
            got.add(f.get());
        }
        pool.shutdown();
        Collections.sort(got);
        for (int i = 0; i < 400; i++) {
            assertThat(got.get(i)).isEqualTo(BigInteger.valueOf(i));
        }
    }

    @Test
    void a_released_nonce_is_reused_first_so_later_transactions_are_not_blocked_behind_a_gap() {
        NonceManager m = new NonceManager(new FakeChain());
        BigInteger n0 = m.reserve(SENDER);
        BigInteger n1 = m.reserve(SENDER);
        m.reserve(SENDER);
        m.release(SENDER, n1);
        assertThat(m.reserve(SENDER)).isEqualTo(n1);
        assertThat(m.reserve(SENDER)).isEqualTo(BigInteger.valueOf(3));
        assertThat(n0).isZero();
    }

    @Test
    void releasing_a_broadcast_nonce_does_not_make_it_reusable() {
        NonceManager m = new NonceManager(new FakeChain());
        BigInteger n = m.reserve(SENDER);
        m.markBroadcast(SENDER, n);
        m.release(SENDER, n);
        assertThat(m.reserve(SENDER)).isEqualTo(BigInteger.ONE);
    }

    @Test
    void reconcile_reports_broadcast_nonces_the_node_lost_and_reserved_ones_taken_elsewhere() {
        FakeChain chain = new FakeChain();
        NonceManager m = new NonceManager(chain);
        for (int i = 0; i < 4; i++) {
            m.markBroadcast(SENDER, m.reserve(SENDER));
        }
        BigInteger reserved = m.reserve(SENDER); // 4, not yet broadcast
        // The node mined 0 and 1, still holds 2, and lost 3; someone else used nonce 4 from another instance.
        chain.mined = BigInteger.TWO;
        chain.pending = BigInteger.valueOf(5);
        NonceManager.Reconciliation r = m.reconcile(SENDER);
        assertThat(r.lost()).isEmpty();
        assertThat(r.taken()).containsExactly(reserved);

        chain.pending = BigInteger.valueOf(3);
        NonceManager.Reconciliation r2 = m.reconcile(SENDER);
        assertThat(r2.lost()).containsExactly(BigInteger.valueOf(3));
        assertThat(m.inFlight(SENDER)).containsExactly(BigInteger.TWO, BigInteger.valueOf(3));
    }

    @Test
    void reconcile_moves_past_nonces_used_by_another_instance() {
        FakeChain chain = new FakeChain();
        NonceManager m = new NonceManager(chain);
        m.reserve(SENDER);
        chain.mined = BigInteger.valueOf(7);
        chain.pending = BigInteger.valueOf(9);
        m.reconcile(SENDER);
        assertThat(m.reserve(SENDER)).isEqualTo(BigInteger.valueOf(9));
    }

    @Property(tries = 200)
    void any_interleaving_of_reserve_release_and_broadcast_keeps_in_flight_nonces_unique(
            @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 2) Integer> ops) {
        NonceManager m = new NonceManager(new FakeChain());
        List<BigInteger> reserved = new ArrayList<>();
        List<BigInteger> broadcast = new ArrayList<>();
        for (int op : ops) {
            if (op == 0 || reserved.isEmpty()) {
                BigInteger n = m.reserve(SENDER);
                assertThat(reserved).doesNotContain(n);
                assertThat(broadcast).doesNotContain(n);
                reserved.add(n);
            } else if (op == 1) {
                m.release(SENDER, reserved.remove(reserved.size() / 2));
            } else {
                BigInteger n = reserved.remove(0);
                m.markBroadcast(SENDER, n);
                broadcast.add(n);
            }
        }
        List<BigInteger> all = new ArrayList<>(reserved);
        all.addAll(broadcast);
        assertThat(m.inFlight(SENDER)).containsExactlyInAnyOrderElementsOf(all);
    }
}
