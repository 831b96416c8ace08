package io.custody.mpc.node;

import io.custody.mpc.ecdsa.sign.Presignature;
import io.custody.mpc.ecdsa.sign.TestPresignatures;
import io.custody.mpc.storage.KeyId;
import io.custody.mpc.storage.WalletId;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Node-side presignature bookkeeping: single hand-out, TTL, cap per key, and which refusal a caller gets. */
class PresignatureStockTest {

    static final WalletId W = new WalletId("w");
    static final KeyId K = new KeyId("k");

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-21T08:00:00Z"));

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    static Presignature presignature(String id) {
        return TestPresignatures.placeholder(id);
    }

    static String code(Runnable r) {
        try {
            r.run();
            return "none";
        } catch (SessionRefusedException e) {
            return e.code();
        }
    }

    @Test
    void a_presignature_is_handed_out_once_then_reported_as_used() {
        PresignatureStock stock = new PresignatureStock(new ManualClock(), Duration.ofMinutes(1), 4);
        Presignature p = presignature("p-00000001");
        stock.add(W, K, p);
        assertThat(stock.take(W, K, "p-00000001")).isSameAs(p);
        assertThat(code(() -> stock.take(W, K, "p-00000001"))).isEqualTo("PRESIGNATURE_USED");
        assertThat(code(() -> stock.take(W, K, "p-never-made"))).isEqualTo("PRESIGNATURE_UNKNOWN");
        assertThat(code(() -> stock.take(W, new KeyId("other"), "p-00000001"))).isEqualTo("PRESIGNATURE_UNKNOWN");
    }

    @Test
    void an_expired_presignature_is_gone_and_its_secrets_dropped() {
        ManualClock clock = new ManualClock();
        PresignatureStock stock = new PresignatureStock(clock, Duration.ofMinutes(1), 4);
        Presignature p = presignature("p-00000002");
        stock.add(W, K, p);
        clock.now.set(clock.now.get().plusSeconds(61));
        assertThat(code(() -> stock.take(W, K, "p-00000002"))).isEqualTo("PRESIGNATURE_UNKNOWN");
        assertThat(p.isConsumed()).isTrue();
        assertThat(stock.size(W, K)).isZero();
    }

    @Test
    void a_full_stock_refuses_new_presignatures_until_one_is_used() {
        PresignatureStock stock = new PresignatureStock(new ManualClock(), Duration.ofMinutes(1), 2);
        stock.add(W, K, presignature("p-00000003"));
        stock.add(W, K, presignature("p-00000004"));
        assertThat(code(() -> stock.requireRoom(W, K))).isEqualTo("PRESIGNATURE_STOCK_FULL");
        Presignature late = presignature("p-00000005");
        assertThatThrownBy(() -> stock.add(W, K, late)).isInstanceOf(SessionRefusedException.class);
        assertThat(late.isConsumed()).as("refused presignature's secrets dropped").isTrue();
        assertThat(code(() -> stock.requireRoom(W, new KeyId("other")))).isEqualTo("none");
        stock.take(W, K, "p-00000003");
        assertThat(code(() -> stock.requireRoom(W, K))).isEqualTo("none");
    }

    @Test
    void discarding_a_key_drops_all_of_its_presignatures() {
        PresignatureStock stock = new PresignatureStock(new ManualClock(), Duration.ofMinutes(1), 4);
        Presignature p = presignature("p-00000006");
        stock.add(W, K, p);
        stock.discard(W, K);
        assertThat(p.isConsumed()).isTrue();
        assertThat(code(() -> stock.take(W, K, "p-00000006"))).isEqualTo("PRESIGNATURE_UNKNOWN");
    }

    @Test
    void concurrent_takes_of_one_presignature_succeed_exactly_once() throws Exception {
        PresignatureStock stock = new PresignatureStock(new ManualClock(), Duration.ofMinutes(1), 4);
        stock.add(W, K, presignature("p-00000007"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> racers = new ArrayList<>();
            for (int i = 0; i < 8; i++) racers.add(() -> code(() -> stock.take(W, K, "p-00000007")));
            List<String> codes = new ArrayList<>();
            for (Future<String> f : pool.invokeAll(racers)) codes.add(f.get());
            assertThat(codes).containsOnlyOnce("none");
            assertThat(codes.stream().filter(c -> c.equals("PRESIGNATURE_USED"))).hasSize(7);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_presignature_handed_out_once_is_never_stocked_again() {
        PresignatureStock stock = new PresignatureStock(new ManualClock(), Duration.ofMinutes(1), 4);
        Presignature p = presignature("p-00000008");
        stock.add(W, K, p);
        assertThat(stock.take(W, K, "p-00000008")).isSameAs(p);
        // the holder gives the same object back (a retry path, a bug, or a caller that kept a reference)
        assertThat(code(() -> stock.add(W, K, p))).isEqualTo("PRESIGNATURE_USED");
        assertThat(code(() -> stock.take(W, K, "p-00000008"))).isEqualTo("PRESIGNATURE_USED");
        assertThat(p.isConsumed()).as("the refused presignature's secrets are dropped").isTrue();
    }

    @Test
    void a_second_presignature_bearing_a_used_id_is_refused() {
        PresignatureStock stock = new PresignatureStock(new ManualClock(), Duration.ofMinutes(1), 4);
        stock.add(W, K, presignature("p-00000009"));
        stock.take(W, K, "p-00000009");
        Presignature sameId = presignature("p-00000009");
        assertThat(code(() -> stock.add(W, K, sameId))).isEqualTo("PRESIGNATURE_USED");
        assertThat(sameId.isConsumed()).isTrue();
        Presignature twin = presignature("p-00000010");
        stock.add(W, K, twin);
        assertThat(code(() -> stock.add(W, K, presignature("p-00000010")))).isEqualTo("PRESIGNATURE_USED");
        assertThat(stock.take(W, K, "p-00000010")).isSameAs(twin);
    }
}
