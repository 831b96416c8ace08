package io.custody.mpc.ecdsa.zk;

import io.custody.mpc.ecdsa.curve.Secp256k1;
import io.custody.mpc.ecdsa.fixtures.FixturePrimes;
import io.custody.mpc.ecdsa.fixtures.TestRandom;
import io.custody.mpc.ecdsa.math.IntegerMath;
import io.custody.mpc.ecdsa.paillier.PaillierPublicKey;
import io.custody.mpc.ecdsa.paillier.RingPedersen;
import io.custody.mpc.ecdsa.paillier.RingPedersenSecret;
import io.custody.mpc.transcript.ProofContext;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;

class AffGProofTest {

    private static final ProofContext CTX = new ProofContext("sid-aff", "test/1", 2, 2, 1);
    private final SecureRandom random = TestRandom.seeded(23);
    private final PaillierPublicKey n0 = FixturePrimes.paillier(0).publicKey();
    private final PaillierPublicKey n1 = FixturePrimes.paillier(1).publicKey();
    private final RingPedersen setup = RingPedersenSecret.generate(FixturePrimes.paillier(2), random).params();
    private final BigInteger k = Secp256k1.randomScalar(random);
    private final BigInteger c = n0.encrypt(k, n0.randomNonce(random));

    private AffGProof.Statement statement(BigInteger x, BigInteger y, BigInteger rho, BigInteger rhoY, ECPoint bigX) {
        BigInteger d = n0.add(n0.multiply(c, x), n0.encrypt(y, rho));
        return new AffGProof.Statement(n0, n1, c, d, n1.encrypt(y, rhoY), bigX);
    }

    private Verdict run(BigInteger x, BigInteger y, ECPoint bigX) {
        BigInteger rho = n0.randomNonce(random);
        BigInteger rhoY = n1.randomNonce(random);
        AffGProof.Statement st = statement(x, y, rho, rhoY, bigX);
        return AffGProof.prove(st, x, y, rho, rhoY, setup, CTX, random).verify(st, setup, CTX);
    }

    @Test
    void accepts_an_honest_affine_response() {
        BigInteger x = Secp256k1.randomScalar(random);
        assertThat(run(x, IntegerMath.symmetric(ZkParams.ELL_PRIME, random), Secp256k1.mulG(x)).isOk()).isTrue();
    }

    @Test
    void rejects_a_multiplier_other_than_the_committed_share() {
        BigInteger x = Secp256k1.randomScalar(random);
        assertThat(run(x, BigInteger.TEN, Secp256k1.mulG(x.add(BigInteger.ONE))).check()).isEqualTo("affg.group");
    }

    @Test
    void rejects_an_out_of_range_multiplier() {
        BigInteger x = BigInteger.ONE.shiftLeft(800);
        assertThat(run(x, BigInteger.TEN, Secp256k1.mulG(x)).check()).isEqualTo("affg.x-range");
    }

    @Test
    void rejects_an_out_of_range_additive_mask() {
        BigInteger x = Secp256k1.randomScalar(random);
        assertThat(run(x, BigInteger.ONE.shiftLeft(1900), Secp256k1.mulG(x)).check()).isEqualTo("affg.y-range");
    }

    @Test
    void rejects_a_response_ciphertext_inconsistent_with_the_proof() {
        BigInteger x = Secp256k1.randomScalar(random);
        BigInteger y = BigInteger.valueOf(99);
        BigInteger rho = n0.randomNonce(random);
        BigInteger rhoY = n1.randomNonce(random);
        AffGProof.Statement honest = statement(x, y, rho, rhoY, Secp256k1.mulG(x));
        AffGProof.Statement badD = new AffGProof.Statement(n0, n1, c, n0.add(honest.d(), n0.encrypt(BigInteger.ONE,
                BigInteger.ONE)), honest.y(), honest.x());
        assertThat(AffGProof.prove(badD, x, y, rho, rhoY, setup, CTX, random).verify(badD, setup, CTX).check())
                .isEqualTo("affg.affine");
        AffGProof.Statement badY = new AffGProof.Statement(n0, n1, c, honest.d(), n1.encrypt(y.add(BigInteger.ONE),
                rhoY), honest.x());
        assertThat(AffGProof.prove(badY, x, y, rho, rhoY, setup, CTX, random).verify(badY, setup, CTX).check())
                .isEqualTo("affg.y-encryption");
    }

    @Test
    void rejects_tampered_fields() {
        BigInteger x = Secp256k1.randomScalar(random);
        BigInteger y = BigInteger.valueOf(5);
        BigInteger rho = n0.randomNonce(random);
        BigInteger rhoY = n1.randomNonce(random);
        AffGProof.Statement st = statement(x, y, rho, rhoY, Secp256k1.mulG(x));
        AffGProof p = AffGProof.prove(st, x, y, rho, rhoY, setup, CTX, random);
        BigInteger one = BigInteger.ONE;
        assertThat(p.verify(new AffGProof.Statement(n0, n1, BigInteger.ZERO, st.d(), st.y(), st.x()), setup, CTX)
                .check()).isEqualTo("affg.ciphertext");
        assertThat(new AffGProof(n0.n(), p.bx(), p.by(), p.e(), p.s(), p.f(), p.t(), p.z1(), p.z2(), p.z3(), p.z4(),
                p.w(), p.wy()).verify(st, setup, CTX).check()).isEqualTo("affg.commitment-range");
        assertThat(new AffGProof(p.a(), p.bx(), p.by(), p.e(), p.s(), p.f(), p.t(), p.z1(), p.z2(), p.z3(), p.z4(),
                BigInteger.ZERO, p.wy()).verify(st, setup, CTX).check()).isEqualTo("affg.w-range");
        assertThat(new AffGProof(p.a(), p.bx(), p.by(), p.e(), p.s(), p.f(), p.t(), p.z1(), p.z2(), p.z3().add(one),
                p.z4(), p.w(), p.wy()).verify(st, setup, CTX).check()).isEqualTo("affg.pedersen-x");
        assertThat(new AffGProof(p.a(), p.bx(), p.by(), p.e(), p.s(), p.f(), p.t(), p.z1(), p.z2(), p.z3(),
                p.z4().add(one), p.w(), p.wy()).verify(st, setup, CTX).check()).isEqualTo("affg.pedersen-y");
    }

    /** A response of a megabit: an exponent that would cost seconds per modPow if it got that far. */
    private static final BigInteger HUGE = BigInteger.ONE.shiftLeft(1 << 20).add(BigInteger.ONE);

    @Test
    void rejects_oversized_exponent_responses_before_any_exponentiation() {
        BigInteger x = Secp256k1.randomScalar(random);
        BigInteger y = IntegerMath.symmetric(ZkParams.ELL_PRIME, random);
        BigInteger rho = n0.randomNonce(random);
        BigInteger rhoY = n1.randomNonce(random);
        AffGProof.Statement st = statement(x, y, rho, rhoY, Secp256k1.mulG(x));
        AffGProof p = AffGProof.prove(st, x, y, rho, rhoY, setup, CTX, random);
        assertThat(new AffGProof(p.a(), p.bx(), p.by(), p.e(), p.s(), p.f(), p.t(), p.z1(), p.z2(), HUGE, p.z4(),
                p.w(), p.wy()).verify(st, setup, CTX).check()).isEqualTo("affg.z3-range");
        assertThat(new AffGProof(p.a(), p.bx(), p.by(), p.e(), p.s(), p.f(), p.t(), p.z1(), p.z2(), p.z3(),
                HUGE.negate(), p.w(), p.wy()).verify(st, setup, CTX).check()).isEqualTo("affg.z4-range");
    }
}
