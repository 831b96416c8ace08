package io.custody.mpc.ecdsa.zk;

import io.custody.mpc.ecdsa.fixtures.FixturePrimes;
import io.custody.mpc.ecdsa.fixtures.TestRandom;
import io.custody.mpc.ecdsa.paillier.PaillierSecretKey;
import io.custody.mpc.ecdsa.paillier.RingPedersen;
import io.custody.mpc.ecdsa.paillier.RingPedersenSecret;
import io.custody.mpc.transcript.ProofContext;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;

class FacProofTest {

    private static final ProofContext CTX = new ProofContext("sid-fac", "test/1", 2, 1, 2);
    private final SecureRandom random = TestRandom.seeded(13);
    private final PaillierSecretKey prover = FixturePrimes.paillier(2);
    private final RingPedersen verifierSetup = RingPedersenSecret.generate(FixturePrimes.paillier(3), random).params();
    private final BigInteger n0 = prover.publicKey().n();

    @Test
    void accepts_a_modulus_of_two_balanced_primes() {
        assertThat(FacProof.prove(prover, verifierSetup, CTX, random).verify(n0, verifierSetup, CTX).isOk()).isTrue();
    }

    @Test
    void rejects_a_modulus_with_a_small_factor_bitforge() {
        // N = p * q with p of 20 bits: the prover runs the honest algorithm on its real factors and still fails
        BigInteger small = BigInteger.probablePrime(20, random);
        BigInteger large;
        do {
            large = BigInteger.probablePrime(2028, random);
        } while (small.multiply(large).bitLength() != 2048); // the level's exact size, so only the proof can tell
        PaillierSecretKey weak = new PaillierSecretKey(small, large);
        FacProof proof = FacProof.prove(weak, verifierSetup, CTX, random);
        assertThat(proof.verify(weak.publicKey().n(), verifierSetup, CTX).check()).isEqualTo("fac.z-range");
    }

    @Test
    void rejects_a_proof_made_for_another_modulus() {
        FacProof proof = FacProof.prove(prover, verifierSetup, CTX, random);
        BigInteger other = FixturePrimes.paillier(4).publicKey().n();
        assertThat(proof.verify(other, verifierSetup, CTX).isOk()).isFalse();
    }

    @Test
    void rejects_non_unit_commitments() {
        FacProof p = FacProof.prove(prover, verifierSetup, CTX, random);
        FacProof bad = new FacProof(BigInteger.ZERO, p.q(), p.a(), p.b(), p.t(), p.sigma(), p.z1(), p.z2(), p.w1(),
                p.w2(), p.v());
        assertThat(bad.verify(n0, verifierSetup, CTX).check()).isEqualTo("fac.commitment-range");
    }

    @Test
    void rejects_each_tampered_response_at_its_own_equation() {
        FacProof p = FacProof.prove(prover, verifierSetup, CTX, random);
        BigInteger one = BigInteger.ONE;
        assertThat(new FacProof(p.p(), p.q(), p.a(), p.b(), p.t(), p.sigma(), p.z1(), p.z2(), p.w1().add(one),
                p.w2(), p.v()).verify(n0, verifierSetup, CTX).check()).isEqualTo("fac.p-commitment");
        assertThat(new FacProof(p.p(), p.q(), p.a(), p.b(), p.t(), p.sigma(), p.z1(), p.z2(), p.w1(),
                p.w2().add(one), p.v()).verify(n0, verifierSetup, CTX).check()).isEqualTo("fac.q-commitment");
        assertThat(new FacProof(p.p(), p.q(), p.a(), p.b(), p.t(), p.sigma(), p.z1(), p.z2(), p.w1(),
                p.w2(), p.v().add(one)).verify(n0, verifierSetup, CTX).check()).isEqualTo("fac.product");
    }

    /** A response of a megabit: an exponent that would cost seconds per modPow if it got that far. */
    private static final BigInteger HUGE = BigInteger.ONE.shiftLeft(1 << 20).add(BigInteger.ONE);

    @Test
    void rejects_oversized_exponent_responses_before_any_exponentiation() {
        FacProof p = FacProof.prove(prover, verifierSetup, CTX, random);
        assertThat(new FacProof(p.p(), p.q(), p.a(), p.b(), p.t(), p.sigma(), p.z1(), p.z2(), HUGE, p.w2(), p.v())
                .verify(n0, verifierSetup, CTX).check()).isEqualTo("fac.w-range");
        assertThat(new FacProof(p.p(), p.q(), p.a(), p.b(), p.t(), p.sigma(), p.z1(), p.z2(), p.w1(), HUGE, p.v())
                .verify(n0, verifierSetup, CTX).check()).isEqualTo("fac.w-range");
        assertThat(new FacProof(p.p(), p.q(), p.a(), p.b(), p.t(), HUGE, p.z1(), p.z2(), p.w1(), p.w2(), p.v())
                .verify(n0, verifierSetup, CTX).check()).isEqualTo("fac.sigma-range");
        assertThat(new FacProof(p.p(), p.q(), p.a(), p.b(), p.t(), p.sigma(), p.z1(), p.z2(), p.w1(), p.w2(), HUGE)
                .verify(n0, verifierSetup, CTX).check()).isEqualTo("fac.v-range");
    }

    @Test
    void rejects_a_prover_modulus_of_another_size_than_the_level() {
        FacProof p = FacProof.prove(prover, verifierSetup, CTX, random);
        assertThat(p.verify(n0.shiftLeft(1), verifierSetup, CTX).check()).isEqualTo("fac.n-size");
    }
}
