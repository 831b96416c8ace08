package io.custody.mpc.ecdsa.zk;

import io.custody.mpc.ecdsa.fixtures.FixturePrimes;
import io.custody.mpc.ecdsa.fixtures.TestRandom;
import io.custody.mpc.ecdsa.math.IntegerMath;
import io.custody.mpc.ecdsa.paillier.PaillierSecretKey;
import io.custody.mpc.ecdsa.paillier.RingPedersen;
import io.custody.mpc.ecdsa.paillier.RingPedersenSecret;
import io.custody.mpc.transcript.ProofContext;
import io.custody.mpc.transcript.Transcript;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class PrmProofTest {

    private static final ProofContext CTX = new ProofContext("sid-prm", "test/1", 1, 2, 0);
    /** The run's joint randomness (in key generation: the hash of every round-1 commitment). */
    private static final byte[] JOINT = new byte[32];
    private final SecureRandom random = TestRandom.seeded(11);
    private final PaillierSecretKey key = FixturePrimes.paillier(1);
    private final RingPedersenSecret secret = RingPedersenSecret.generate(key, random);
    private final RingPedersen rp = secret.params();

    @Test
    void accepts_honest_parameters_in_both_directions() {
        assertThat(PrmProof.prove(secret, CTX, JOINT, random).verify(rp, CTX, JOINT).isOk()).isTrue();
    }

    @Test
    void rejects_a_proof_with_too_few_repetitions_c_guess() {
        PrmProof p = PrmProof.prove(secret, CTX, JOINT, random);
        PrmProof shortened = new PrmProof(Arrays.copyOf(p.forwardA(), 20), Arrays.copyOf(p.forwardZ(), 20),
                p.backwardA(), p.backwardZ());
        assertThat(shortened.verify(rp, CTX, JOINT).check()).isEqualTo("prm.iterations");
    }

    @Test
    void rejects_a_proof_with_the_papers_80_repetitions() {
        PrmProof p = PrmProof.prove(secret, CTX, JOINT, random);
        PrmProof eighty = new PrmProof(Arrays.copyOf(p.forwardA(), 80), Arrays.copyOf(p.forwardZ(), 80),
                Arrays.copyOf(p.backwardA(), 80), Arrays.copyOf(p.backwardZ(), 80));
        assertThat(eighty.verify(rp, CTX, JOINT).check()).isEqualTo("prm.iterations");
    }

    @Test
    void rejects_a_proof_made_for_another_runs_round_one_commitments() {
        // TSSHOCK c-guess offline: a forward proof ground against a caller-chosen session id alone no longer fits,
        // because the challenge also hashes the honest parties' fresh round-1 commitments
        PrmProof p = PrmProof.prove(secret, CTX, JOINT, random);
        byte[] otherRun = new byte[32];
        otherRun[31] = 1;
        assertThat(p.verify(rp, CTX, otherRun).check()).isIn("prm.forward", "prm.backward");
    }

    @Test
    void rejects_parameters_whose_modulus_is_not_the_levels_size() {
        PrmProof p = PrmProof.prove(secret, CTX, JOINT, random);
        ProofContext at128 = new ProofContext("sid-prm", "test/1", 1, 2, 0, SecurityLevel.BITS_128);
        assertThat(p.verify(rp, at128, JOINT).check()).isEqualTo("prm.n-size");
    }

    @Test
    void rejects_a_proof_missing_the_backward_direction_c_forget() {
        PrmProof p = PrmProof.prove(secret, CTX, JOINT, random);
        PrmProof oneWay = new PrmProof(p.forwardA(), p.forwardZ(), new BigInteger[0], new BigInteger[0]);
        assertThat(oneWay.verify(rp, CTX, JOINT).check()).isEqualTo("prm.backward-direction");
    }

    @Test
    void rejects_s_outside_the_group_of_t_even_with_per_iteration_challenges_c_split() {
        // s is a random unit, not a power of t: the forger guesses each bit from a hash of its own commitment only,
        // as an implementation with split challenges would let it; the verifier's single squeeze disagrees.
        BigInteger n = rp.n();
        BigInteger s = IntegerMath.unit(n, random);
        RingPedersen forgedParams = new RingPedersen(n, s, rp.t());
        BigInteger[] fa = new BigInteger[ZkParams.M];
        BigInteger[] fz = new BigInteger[ZkParams.M];
        for (int i = 0; i < ZkParams.M; i++) {
            fz[i] = IntegerMath.below(n, random);
            boolean guess = Transcript.start("split", CTX).append("i", i).challengeBits("e", 1)[0];
            BigInteger a = rp.t().modPow(fz[i], n);
            fa[i] = guess ? a.multiply(s.modInverse(n)).mod(n) : a;
        }
        PrmProof honestBackwardShape = PrmProof.prove(secret, CTX, JOINT, random);
        PrmProof forged = new PrmProof(fa, fz, honestBackwardShape.backwardA(), honestBackwardShape.backwardZ());
        assertThat(forged.verify(forgedParams, CTX, JOINT).check()).isEqualTo("prm.forward");
    }

    @Test
    void rejects_parameters_where_t_is_not_in_the_group_of_s() {
        // lambda divisible by the subgroup order p' puts s in a small subgroup: s in <t> is provable, t in <s> is not
        BigInteger n = rp.n();
        BigInteger phi = key.phi();
        BigInteger lambda = key.p().shiftRight(1).multiply(BigInteger.valueOf(6));
        BigInteger s = rp.t().modPow(lambda, n);
        RingPedersen weak = new RingPedersen(n, s, rp.t());
        BigInteger[] fr = new BigInteger[ZkParams.M];
        BigInteger[] fa = new BigInteger[ZkParams.M];
        BigInteger[] br = new BigInteger[ZkParams.M];
        BigInteger[] ba = new BigInteger[ZkParams.M];
        for (int i = 0; i < ZkParams.M; i++) {
            fr[i] = IntegerMath.below(phi, random);
            fa[i] = rp.t().modPow(fr[i], n);
            br[i] = IntegerMath.below(phi, random);
            ba[i] = s.modPow(br[i], n);
        }
        boolean[] e = PrmProof.challenge(weak, fa, ba, CTX, JOINT);
        BigInteger[] fz = new BigInteger[ZkParams.M];
        BigInteger[] bz = new BigInteger[ZkParams.M];
        for (int i = 0; i < ZkParams.M; i++) {
            fz[i] = e[i] ? fr[i].add(lambda).mod(phi) : fr[i];
            bz[i] = br[i]; // no exponent maps s back to t, so the forger can only answer challenge bit 0
        }
        PrmProof forged = new PrmProof(fa, fz, ba, bz);
        assertThat(forged.verify(weak, CTX, JOINT).check()).isEqualTo("prm.backward");
        PrmProof oneWay = new PrmProof(fa, fz, new BigInteger[0], new BigInteger[0]);
        assertThat(oneWay.verify(weak, CTX, JOINT).check()).isEqualTo("prm.backward-direction");
    }

    @Test
    void rejects_trivial_or_non_unit_parameters() {
        PrmProof p = PrmProof.prove(secret, CTX, JOINT, random);
        assertThat(p.verify(new RingPedersen(rp.n(), BigInteger.ONE, rp.t()), CTX, JOINT).check()).isEqualTo("prm.st-trivial");
        assertThat(p.verify(new RingPedersen(rp.n(), key.p(), rp.t()), CTX, JOINT).check()).isEqualTo("prm.st-units");
        assertThat(p.verify(new RingPedersen(rp.n().add(BigInteger.ONE), rp.s(), rp.t()), CTX, JOINT).check())
                .isEqualTo("prm.n-odd");
    }

    @Test
    void rejects_out_of_range_commitments_and_responses() {
        PrmProof p = PrmProof.prove(secret, CTX, JOINT, random);
        BigInteger[] a = p.forwardA().clone();
        a[0] = BigInteger.ZERO;
        assertThat(new PrmProof(a, p.forwardZ(), p.backwardA(), p.backwardZ()).verify(rp, CTX, JOINT).check())
                .isEqualTo("prm.a-range");
        BigInteger[] z = p.forwardZ().clone();
        z[0] = BigInteger.ONE.negate();
        assertThat(new PrmProof(p.forwardA(), z, p.backwardA(), p.backwardZ()).verify(rp, CTX, JOINT).check())
                .isEqualTo("prm.z-range");
    }

    @Test
    void rejects_a_wrong_backward_response() {
        PrmProof p = PrmProof.prove(secret, CTX, JOINT, random);
        BigInteger[] z = p.backwardZ().clone();
        z[7] = z[7].add(BigInteger.ONE);
        assertThat(new PrmProof(p.forwardA(), p.forwardZ(), p.backwardA(), z).verify(rp, CTX, JOINT).check())
                .isEqualTo("prm.backward");
    }
}
