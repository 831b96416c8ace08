package io.custody.mpc.ecdsa.zk;

import io.custody.mpc.ecdsa.fixtures.FixturePrimes;
import io.custody.mpc.ecdsa.fixtures.TestRandom;
import io.custody.mpc.ecdsa.math.IntegerMath;
import io.custody.mpc.ecdsa.paillier.PaillierSecretKey;
import io.custody.mpc.transcript.ProofContext;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class ModProofTest {

    private static final ProofContext CTX = new ProofContext("sid-mod", "test/1", 1, 1, 0);
    /** The run's joint randomness (in key generation: the hash of every round-1 commitment). */
    private static final byte[] JOINT = new byte[32];
    private final SecureRandom random = TestRandom.seeded(7);
    private final PaillierSecretKey key = FixturePrimes.paillier(0);
    private final BigInteger n = key.publicKey().n();

    @Test
    void accepts_an_honest_proof_for_a_safe_prime_modulus() {
        assertThat(ModProof.prove(key, CTX, JOINT, random).verify(n, CTX, JOINT).isOk()).isTrue();
    }

    @Test
    void rejects_a_proof_replayed_into_another_session() {
        ModProof proof = ModProof.prove(key, CTX, JOINT, random);
        ProofContext other = new ProofContext("sid-other", "test/1", 1, 1, 0);
        assertThat(proof.verify(n, other, JOINT).check()).isIn("mod.nth-root", "mod.fourth-root");
    }

    @Test
    void rejects_an_even_modulus() {
        assertThat(forged(n.shiftLeft(1)).verify(n.shiftLeft(1), CTX, JOINT).check()).isEqualTo("mod.n-odd");
    }

    @Test
    void rejects_a_modulus_below_2048_bits() {
        BigInteger small = FixturePrimes.prime(0).multiply(BigInteger.valueOf(3));
        assertThat(ModProof.checkModulusShape(small, CTX.level()).check()).isEqualTo("mod.n-size");
    }

    @Test
    void rejects_a_prime_modulus() {
        BigInteger prime = BigInteger.probablePrime(2048, random);
        assertThat(forged(prime).verify(prime, CTX, JOINT).check()).isEqualTo("mod.n-prime");
    }

    @Test
    void rejects_the_square_of_a_prime() {
        BigInteger p = FixturePrimes.prime(0);
        BigInteger square = p.multiply(p);
        assertThat(forged(square).verify(square, CTX, JOINT).check()).isEqualTo("mod.n-square");
    }

    @Test
    void rejects_the_cube_of_a_prime_because_no_nth_roots_exist() {
        BigInteger p = FixturePrimes.prime(0);
        BigInteger cube = p.pow(3);
        // 3072 bits: at the 128-bit level the size is right and only the missing N-th roots give it away
        ProofContext at128 = new ProofContext("sid-mod", "test/1", 1, 1, 0, SecurityLevel.BITS_128);
        assertThat(forged(cube, at128).verify(cube, at128, JOINT).check()).isEqualTo("mod.nth-root");
    }

    @Test
    void rejects_a_modulus_with_a_small_factor_through_the_challenge_gcd() {
        BigInteger bitforge;
        do {
            bitforge = BigInteger.valueOf(3).multiply(BigInteger.probablePrime(2047, random));
        } while (bitforge.bitLength() != 2048); // exactly the level's size, so the size check lets it through
        assertThat(forged(bitforge).verify(bitforge, CTX, JOINT).check()).isEqualTo("mod.y-gcd");
    }

    @Test
    void rejects_a_proof_with_fewer_than_80_repetitions() {
        ModProof p = ModProof.prove(key, CTX, JOINT, random);
        ModProof shortened = new ModProof(p.w(), Arrays.copyOf(p.x(), 40), Arrays.copyOf(p.a(), 40),
                Arrays.copyOf(p.b(), 40), Arrays.copyOf(p.z(), 40));
        assertThat(shortened.verify(n, CTX, JOINT).check()).isEqualTo("mod.iterations");
    }

    @Test
    void rejects_w_sharing_a_factor_with_n() {
        ModProof p = ModProof.prove(key, CTX, JOINT, random);
        ModProof bad = new ModProof(key.p(), p.x(), p.a(), p.b(), p.z());
        assertThat(bad.verify(n, CTX, JOINT).check()).isEqualTo("mod.w-gcd");
    }

    @Test
    void rejects_w_whose_jacobi_symbol_is_not_minus_one() {
        // CVE-2025-66016 class: without this check, w with symbol +1 lets a non-Blum modulus answer every challenge
        BigInteger w;
        do {
            w = IntegerMath.unit(n, random);
        } while (IntegerMath.jacobi(w, n) != 1);
        ModProof p = ModProof.prove(key, CTX, JOINT, random);
        assertThat(new ModProof(w, p.x(), p.a(), p.b(), p.z()).verify(n, CTX, JOINT).check()).isEqualTo("mod.jacobi");
    }

    @Test
    void rejects_a_response_outside_z_n() {
        ModProof p = ModProof.prove(key, CTX, JOINT, random);
        BigInteger[] z = p.z().clone();
        z[5] = z[5].add(n);
        assertThat(new ModProof(p.w(), p.x(), p.a(), p.b(), z).verify(n, CTX, JOINT).check()).isEqualTo("mod.z-range");
        BigInteger[] x = p.x().clone();
        x[5] = BigInteger.ZERO;
        assertThat(new ModProof(p.w(), x, p.a(), p.b(), p.z()).verify(n, CTX, JOINT).check()).isEqualTo("mod.x-range");
    }

    @Test
    void rejects_a_wrong_nth_root() {
        ModProof p = ModProof.prove(key, CTX, JOINT, random);
        BigInteger[] z = p.z().clone();
        z[79] = z[79].multiply(BigInteger.TWO).mod(n);
        assertThat(new ModProof(p.w(), p.x(), p.a(), p.b(), z).verify(n, CTX, JOINT).check()).isEqualTo("mod.nth-root");
    }

    @Test
    void rejects_a_wrong_fourth_root() {
        ModProof p = ModProof.prove(key, CTX, JOINT, random);
        boolean[] a = p.a().clone();
        a[3] = !a[3];
        assertThat(new ModProof(p.w(), p.x(), a, p.b(), p.z()).verify(n, CTX, JOINT).check()).isEqualTo("mod.fourth-root");
    }

    @Test
    void rejects_a_modulus_larger_than_the_level_before_testing_it_for_primality() {
        // one bit more than the level allows, and a peer's 8-Mbit "modulus": both refused on their size alone
        BigInteger oneBitMore = n.shiftLeft(1).add(BigInteger.ONE);
        assertThat(ModProof.checkModulusShape(oneBitMore, CTX.level()).check()).isEqualTo("mod.n-size");
        BigInteger huge = BigInteger.ONE.shiftLeft(8 * 1024 * 1024).add(BigInteger.ONE);
        assertThat(ModProof.checkModulusShape(huge, CTX.level()).check()).isEqualTo("mod.n-size");
        assertThat(ModProof.prove(key, CTX, JOINT, random).verify(huge, CTX, JOINT).check()).isEqualTo("mod.n-size");
    }

    @Test
    void rejects_a_2048_bit_modulus_at_the_128_bit_level() {
        ProofContext at128 = new ProofContext("sid-mod", "test/1", 1, 1, 0, SecurityLevel.BITS_128);
        assertThat(ModProof.prove(key, CTX, JOINT, random).verify(n, at128, JOINT).check()).isEqualTo("mod.n-size");
    }

    @Test
    void rejects_a_proof_with_the_papers_80_repetitions() {
        ModProof p = ModProof.prove(key, CTX, JOINT, random);
        ModProof eighty = new ModProof(p.w(), Arrays.copyOf(p.x(), 80), Arrays.copyOf(p.a(), 80),
                Arrays.copyOf(p.b(), 80), Arrays.copyOf(p.z(), 80));
        assertThat(eighty.verify(n, CTX, JOINT).check()).isEqualTo("mod.iterations");
    }

    @Test
    void rejects_a_proof_made_for_another_runs_round_one_commitments() {
        // a proof ground before the run (or for another run) does not carry this run's joint randomness
        ModProof p = ModProof.prove(key, CTX, JOINT, random);
        byte[] otherRun = new byte[32];
        otherRun[0] = 1;
        assertThat(p.verify(n, CTX, otherRun).check()).isIn("mod.nth-root", "mod.fourth-root", "mod.y-gcd");
    }

    /** What a prover without a factorisation can send: w with symbol -1 and answers it cannot actually compute. */
    private ModProof forged(BigInteger modulus) {
        return forged(modulus, CTX);
    }

    private ModProof forged(BigInteger modulus, ProofContext ctx) {
        BigInteger w = BigInteger.TWO;
        // a prime square has no w with symbol -1 at all, so the search is bounded and falls back to 2
        for (int tries = 0; modulus.testBit(0) && tries < 64 && IntegerMath.jacobi(w, modulus) != -1; tries++) {
            w = IntegerMath.unit(modulus, random);
        }
        BigInteger[] y = modulus.testBit(0) ? ModProof.challenges(modulus, w, ctx, JOINT) : new BigInteger[ZkParams.M];
        if (!modulus.testBit(0)) Arrays.fill(y, BigInteger.ONE);
        return new ModProof(w, y.clone(), new boolean[ZkParams.M], new boolean[ZkParams.M], y.clone());
    }
}
