package io.custody.mpc.ecdsa.paillier;

import io.custody.mpc.ecdsa.fixtures.TestRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The subject is the pool's mechanics (background fill, persistence, encryption, single hand-out), not modulus size:
 * 256-bit primes keep it fast. Production pools use 1024-bit primes (2048-bit N).
 */
class SafePrimePoolTest {

    private static final byte[] KEY = new byte[32];

    @Test
    void fills_in_the_background_persists_encrypted_and_hands_each_prime_out_once(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pool");
        Set<BigInteger> seen = new HashSet<>();
        try (SafePrimePool pool = new SafePrimePool(file, KEY, 256, 6, TestRandom.seeded(1))) {
            pool.awaitFull(60_000);
            PaillierSecretKey k = pool.takePaillierKey();
            assertThat(SafePrimeGenerator.isSafePrime(k.p())).isTrue();
            assertThat(SafePrimeGenerator.isSafePrime(k.q())).isTrue();
            assertThat(k.p().bitLength()).isEqualTo(256);
            seen.add(k.p());
            seen.add(k.q());
            String stored = Files.readString(file);
            assertThat(stored).doesNotContain(k.p().toString(16));
        }
        try (SafePrimePool reopened = new SafePrimePool(file, KEY, 256, 0, TestRandom.seeded(2))) {
            int stock = reopened.size();
            assertThat(stock).isGreaterThanOrEqualTo(4);
            for (int i = 0; i < stock / 2; i++) {
                PaillierSecretKey k = reopened.takePaillierKey();
                assertThat(seen.add(k.p())).as("prime handed out twice").isTrue();
                assertThat(seen.add(k.q())).as("prime handed out twice").isTrue();
            }
        }
    }

    @Test
    void refuses_a_pool_file_under_another_key(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pool");
        try (SafePrimePool pool = new SafePrimePool(file, KEY, 256, 2, TestRandom.seeded(3))) {
            pool.awaitFull(60_000);
        }
        byte[] other = new byte[32];
        other[0] = 1;
        assertThatThrownBy(() -> new SafePrimePool(file, other, 256, 0, TestRandom.seeded(4)))
                .hasMessageContaining("authentication");
    }

    @Test
    void generated_primes_are_safe_and_blum() {
        SafePrimeGenerator g = new SafePrimeGenerator(TestRandom.seeded(5));
        BigInteger p = g.next(512);
        assertThat(SafePrimeGenerator.isSafePrime(p)).isTrue();
        assertThat(p.bitLength()).isEqualTo(512);
        assertThat(p.testBit(1)).as("3 mod 4").isTrue();
    }

    @Test
    void an_interrupted_search_stops_instead_of_running_to_the_next_prime() {
        SafePrimeGenerator g = new SafePrimeGenerator(TestRandom.seeded(6));
        Thread.currentThread().interrupt();
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> g.next(1024))
                    .isInstanceOf(java.util.concurrent.CancellationException.class);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void a_closed_pool_hands_out_nothing(@TempDir Path dir) throws Exception {
        SafePrimePool pool = new SafePrimePool(dir.resolve("pool"), new byte[32], 1024, 0, TestRandom.seeded(7));
        pool.close();
        org.assertj.core.api.Assertions.assertThatThrownBy(pool::takePaillierKey)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void stocks_safe_primes_found_elsewhere_and_refuses_anything_else(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pool");
        try (SafePrimePool pool = new SafePrimePool(file, new byte[32], 1024, 0, TestRandom.seeded(8))) {
            pool.add(java.util.List.of(io.custody.mpc.ecdsa.fixtures.FixturePrimes.prime(0),
                    io.custody.mpc.ecdsa.fixtures.FixturePrimes.prime(1)));
            java.math.BigInteger notSafe = java.math.BigInteger.probablePrime(1024, TestRandom.seeded(9));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> pool.add(java.util.List.of(notSafe)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("value 0 is not a 1024-bit safe prime");
            assertThat(pool.size()).isEqualTo(2);
        }
        try (SafePrimePool reopened = new SafePrimePool(file, new byte[32], 1024, 0, TestRandom.seeded(10))) {
            assertThat(reopened.size()).isEqualTo(2);
        }
    }
}
