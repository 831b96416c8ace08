package io.custody.mpc.ecdsa.zk;

import io.custody.mpc.ecdsa.curve.Secp256k1;
import io.custody.mpc.ecdsa.fixtures.FixturePrimes;
import io.custody.mpc.ecdsa.fixtures.TestRandom;
import io.custody.mpc.ecdsa.paillier.PaillierPublicKey;
import io.custody.mpc.ecdsa.paillier.RingPedersen;
import io.custody.mpc.ecdsa.paillier.RingPedersenSecret;
import io.custody.mpc.transcript.ProofContext;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;

class EncProofTest {

    private static final ProofContext CTX = new ProofContext("sid-enc", "test/1", 1, 1, 2);
    private final SecureRandom random = TestRandom.seeded(17);
    private final PaillierPublicKey key = FixturePrimes.paillier(0).publicKey();
    private final RingPedersen setup = RingPedersenSecret.generate(FixturePrimes.paillier(1), random).params();

    @Test
    void accepts_a_ciphertext_of_a_scalar() {
        BigInteger k = Secp256k1.randomScalar(random);
        BigInteger rho = key.randomNonce(random);
        BigInteger c = key.encrypt(k, rho);
        assertThat(EncProof.prove(key, c, k, rho, setup, CTX, random).verify(key, c, setup, CTX).isOk()).isTrue();
    }

    @Test
    void rejects_an_out_of_range_plaintext_alpha_rays() {
        BigInteger k = key.n().shiftRight(1).subtract(BigInteger.valueOf(12345));
        BigInteger rho = key.randomNonce(random);
        BigInteger c = key.encrypt(k, rho);
        assertThat(EncProof.prove(key, c, k, rho, setup, CTX, random).verify(key, c, setup, CTX).check())
                .isEqualTo("enc.range");
    }

    @Test
    void rejects_a_ciphertext_that_is_not_a_unit() {
        BigInteger k = Secp256k1.randomScalar(random);
        BigInteger rho = key.randomNonce(random);
        EncProof p = EncProof.prove(key, key.encrypt(k, rho), k, rho, setup, CTX, random);
        assertThat(p.verify(key, key.n(), setup, CTX).check()).isEqualTo("enc.ciphertext");
    }

    @Test
    void rejects_a_proof_about_another_plaintext() {
        BigInteger k = Secp256k1.randomScalar(random);
        BigInteger rho = key.randomNonce(random);
        BigInteger c = key.encrypt(k, rho);
        EncProof p = EncProof.prove(key, c, k.add(BigInteger.ONE), rho, setup, CTX, random);
        assertThat(p.verify(key, c, setup, CTX).check()).isEqualTo("enc.paillier");
    }

    @Test
    void rejects_tampered_commitments_and_responses() {
        BigInteger k = Secp256k1.randomScalar(random);
        BigInteger rho = key.randomNonce(random);
        BigInteger c = key.encrypt(k, rho);
        EncProof p = EncProof.prove(key, c, k, rho, setup, CTX, random);
        assertThat(new EncProof(p.s(), BigInteger.ZERO, p.c(), p.z1(), p.z2(), p.z3()).verify(key, c, setup, CTX)
                .check()).isEqualTo("enc.commitment-range");
        assertThat(new EncProof(p.s(), p.a(), p.c(), p.z1(), key.n(), p.z3()).verify(key, c, setup, CTX).check())
                .isEqualTo("enc.z2-range");
        assertThat(new EncProof(p.s(), p.a(), p.c(), p.z1(), p.z2(), p.z3().add(BigInteger.ONE))
                .verify(key, c, setup, CTX).check()).isEqualTo("enc.pedersen");
    }

    /** A response of a megabit: an exponent that would cost seconds per modPow if it got that far. */
    private static final BigInteger HUGE = BigInteger.ONE.shiftLeft(1 << 20).add(BigInteger.ONE);

    @Test
    void rejects_an_oversized_z3_before_any_exponentiation() {
        BigInteger k = Secp256k1.randomScalar(random);
        BigInteger rho = key.randomNonce(random);
        BigInteger c = key.encrypt(k, rho);
        EncProof p = EncProof.prove(key, c, k, rho, setup, CTX, random);
        assertThat(new EncProof(p.s(), p.a(), p.c(), p.z1(), p.z2(), HUGE).verify(key, c, setup, CTX).check())
                .isEqualTo("enc.z3-range");
    }
}
