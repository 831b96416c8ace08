package io.custody.mpc.ecdsa.zk;

import io.custody.mpc.ecdsa.curve.Secp256k1;
import io.custody.mpc.ecdsa.fixtures.FixturePrimes;
import io.custody.mpc.ecdsa.fixtures.TestRandom;
import io.custody.mpc.ecdsa.paillier.PaillierPublicKey;
import io.custody.mpc.ecdsa.paillier.RingPedersen;
import io.custody.mpc.ecdsa.paillier.RingPedersenSecret;
import io.custody.mpc.transcript.ProofContext;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;

class LogStarProofTest {

    private static final ProofContext CTX = new ProofContext("sid-log", "test/1", 2, 1, 3);
    private final SecureRandom random = TestRandom.seeded(19);
    private final PaillierPublicKey key = FixturePrimes.paillier(0).publicKey();
    private final RingPedersen setup = RingPedersenSecret.generate(FixturePrimes.paillier(1), random).params();
    private final ECPoint base = Secp256k1.mulG(Secp256k1.randomScalar(random));
    private final BigInteger x = Secp256k1.randomScalar(random);
    private final BigInteger rho = key.randomNonce(random);
    private final BigInteger c = key.encrypt(x, rho);
    private final ECPoint bigX = base.multiply(x).normalize();

    @Test
    void accepts_an_honest_proof_on_an_arbitrary_base() {
        assertThat(LogStarProof.prove(key, c, bigX, base, x, rho, setup, CTX, random)
                .verify(key, c, bigX, base, setup, CTX).isOk()).isTrue();
    }

    @Test
    void rejects_a_point_that_is_not_the_plaintext_times_the_base() {
        ECPoint other = base.multiply(x.add(BigInteger.ONE)).normalize();
        assertThat(LogStarProof.prove(key, c, other, base, x, rho, setup, CTX, random)
                .verify(key, c, other, base, setup, CTX).check()).isEqualTo("logstar.group");
    }

    @Test
    void rejects_a_ciphertext_of_another_value() {
        BigInteger c2 = key.encrypt(x.add(BigInteger.ONE), rho);
        assertThat(LogStarProof.prove(key, c2, bigX, base, x, rho, setup, CTX, random)
                .verify(key, c2, bigX, base, setup, CTX).check()).isEqualTo("logstar.paillier");
    }

    @Test
    void rejects_an_out_of_range_plaintext() {
        BigInteger big = BigInteger.ONE.shiftLeft(900);
        BigInteger c2 = key.encrypt(big, rho);
        ECPoint p = base.multiply(big.mod(Secp256k1.Q)).normalize();
        assertThat(LogStarProof.prove(key, c2, p, base, big, rho, setup, CTX, random)
                .verify(key, c2, p, base, setup, CTX).check()).isEqualTo("logstar.range");
    }

    @Test
    void rejects_tampered_fields() {
        LogStarProof p = LogStarProof.prove(key, c, bigX, base, x, rho, setup, CTX, random);
        assertThat(p.verify(key, BigInteger.ZERO, bigX, base, setup, CTX).check()).isEqualTo("logstar.ciphertext");
        assertThat(new LogStarProof(p.s(), key.n(), p.y(), p.d(), p.z1(), p.z2(), p.z3())
                .verify(key, c, bigX, base, setup, CTX).check()).isEqualTo("logstar.commitment-range");
        assertThat(new LogStarProof(p.s(), p.a(), p.y(), p.d(), p.z1(), BigInteger.ZERO, p.z3())
                .verify(key, c, bigX, base, setup, CTX).check()).isEqualTo("logstar.z2-range");
        assertThat(new LogStarProof(p.s(), p.a(), p.y(), p.d(), p.z1(), p.z2(), p.z3().subtract(BigInteger.ONE))
                .verify(key, c, bigX, base, setup, CTX).check()).isEqualTo("logstar.pedersen");
    }

    @Test
    void proves_a_wide_plaintext_only_under_the_range_it_was_made_for() {
        BigInteger wide = BigInteger.ONE.shiftLeft(1200).add(BigInteger.TEN);
        BigInteger cw = key.encrypt(wide, rho);
        ECPoint pw = base.multiply(wide.mod(Secp256k1.Q)).normalize();
        LogStarProof p = LogStarProof.proveInRange(ZkParams.ELL_PRIME, key, cw, pw, base, wide, rho, setup, CTX, random);
        assertThat(p.verifyInRange(ZkParams.ELL_PRIME, key, cw, pw, base, setup, CTX).isOk()).isTrue();
        assertThat(p.verify(key, cw, pw, base, setup, CTX).check()).isEqualTo("logstar.range");
    }

    @Test
    void binds_the_range_into_the_challenge() {
        LogStarProof p = LogStarProof.prove(key, c, bigX, base, x, rho, setup, CTX, random);
        assertThat(p.verifyInRange(ZkParams.ELL_PRIME, key, c, bigX, base, setup, CTX).check())
                .isEqualTo("logstar.paillier");
    }

    /** A response of a megabit: an exponent that would cost seconds per modPow if it got that far. */
    private static final BigInteger HUGE = BigInteger.ONE.shiftLeft(1 << 20).add(BigInteger.ONE);

    @Test
    void rejects_an_oversized_z3_before_any_exponentiation() {
        LogStarProof p = LogStarProof.prove(key, c, bigX, base, x, rho, setup, CTX, random);
        assertThat(new LogStarProof(p.s(), p.a(), p.y(), p.d(), p.z1(), p.z2(), HUGE)
                .verify(key, c, bigX, base, setup, CTX).check()).isEqualTo("logstar.z3-range");
    }
}
