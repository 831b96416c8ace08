package io.custody.mpc.ecdsa.zk;

import io.custody.mpc.ecdsa.curve.Secp256k1;
import io.custody.mpc.ecdsa.fixtures.FixturePrimes;
import io.custody.mpc.ecdsa.fixtures.TestRandom;
import io.custody.mpc.ecdsa.math.IntegerMath;
import io.custody.mpc.ecdsa.paillier.PaillierPublicKey;
import io.custody.mpc.ecdsa.paillier.PaillierSecretKey;
import io.custody.mpc.ecdsa.paillier.RingPedersen;
import io.custody.mpc.ecdsa.paillier.RingPedersenSecret;
import io.custody.mpc.transcript.ProofContext;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The provers' shortcuts through their own factorisation change no proof: with the same randomness, a prover taking
 * them outputs exactly the proof of the plain computation (the reference below, or the public-key overload), so
 * transcripts, challenges and responses are those of before. And the verifiers' batched unit checks still name an
 * in-range non-unit (a multiple of a prime factor) by the check and position they named before.
 */
class ProverShortcutsTest {

    private static final ProofContext CTX = new ProofContext("sid-shortcuts", "test/1", 2, 1, 2);
    private static final byte[] JOINT = new byte[32];

    @Test
    void pi_mod_prover_outputs_the_plain_computations_proof() {
        for (PaillierSecretKey key : List.of(FixturePrimes.paillier(7), FixturePrimes.paillier3072(1))) {
            ProofContext ctx = new ProofContext("sid-shortcuts", "test/1", 2, 1, 0,
                    SecurityLevel.ofModulus(key.publicKey().n()));
            ModProof fast = ModProof.prove(key, ctx, JOINT, TestRandom.seeded(key.publicKey().n().bitLength()));
            ModProof plain = plainModProof(key, ctx, TestRandom.seeded(key.publicKey().n().bitLength()));
            assertThat(fast.w()).isEqualTo(plain.w());
            assertThat(fast.x()).containsExactly(plain.x());
            assertThat(fast.z()).containsExactly(plain.z());
            assertThat(fast.a()).containsExactly(plain.a());
            assertThat(fast.b()).containsExactly(plain.b());
            // the 128 repetitions exercise (a, b) = (0,0), (0,1), (1,0) and (1,1), each chosen as before
            assertThat(java.util.stream.IntStream.range(0, ZkParams.M)
                    .map(i -> (fast.a()[i] ? 2 : 0) + (fast.b()[i] ? 1 : 0)).distinct().count()).isEqualTo(4);
        }
    }

    /**
     * Pi^mod's prover as it was written before the shortcuts, with plain exponentiations mod N for the N-th roots:
     * eight Jacobi symbols at most per repetition and the square root taken twice.
     */
    private static ModProof plainModProof(PaillierSecretKey key, ProofContext ctx, SecureRandom random) {
        BigInteger p = key.p();
        BigInteger q = key.q();
        BigInteger n = key.publicKey().n();
        BigInteger w;
        do {
            w = IntegerMath.unit(n, random);
        } while (IntegerMath.jacobi(w, n) != -1);
        BigInteger[] y = ModProof.challenges(n, w, ctx, JOINT);
        BigInteger nInvPhi = n.modInverse(key.phi());
        BigInteger ep = p.add(BigInteger.ONE).shiftRight(2);
        BigInteger eq = q.add(BigInteger.ONE).shiftRight(2);
        BigInteger[] xs = new BigInteger[ZkParams.M];
        boolean[] as = new boolean[ZkParams.M];
        boolean[] bs = new boolean[ZkParams.M];
        BigInteger[] zs = new BigInteger[ZkParams.M];
        for (int i = 0; i < ZkParams.M; i++) {
            zs[i] = y[i].modPow(nInvPhi, n);
            search:
            for (int ai = 0; ai < 2; ai++) {
                for (int bi = 0; bi < 2; bi++) {
                    BigInteger v = y[i];
                    if (ai == 1) v = v.negate();
                    if (bi == 1) v = v.multiply(w);
                    v = v.mod(n);
                    if (IntegerMath.jacobi(v, p) == 1 && IntegerMath.jacobi(v, q) == 1) {
                        BigInteger rp = v.mod(p).modPow(ep, p).modPow(ep, p);
                        BigInteger rq = v.mod(q).modPow(eq, q).modPow(eq, q);
                        BigInteger h = rp.subtract(rq).multiply(q.modInverse(p)).mod(p);
                        xs[i] = rq.add(h.multiply(q));
                        assertThat(xs[i].modPow(BigInteger.valueOf(4), n)).isEqualTo(v);
                        as[i] = ai == 1;
                        bs[i] = bi == 1;
                        break search;
                    }
                }
            }
        }
        return new ModProof(w, xs, as, bs, zs);
    }

    @Test
    void range_proofs_by_the_key_owner_equal_the_public_key_proofs() {
        PaillierSecretKey own = FixturePrimes.paillier(8);
        PaillierPublicKey pub = own.publicKey();
        PaillierPublicKey peer = FixturePrimes.paillier(9).publicKey();
        RingPedersen setup = RingPedersenSecret.generate(FixturePrimes.paillier(10), TestRandom.seeded(3)).params();
        SecureRandom random = TestRandom.seeded(11);
        BigInteger k = Secp256k1.randomScalar(random);
        BigInteger rho = pub.randomNonce(random);
        BigInteger bigK = pub.encrypt(k, rho);

        assertThat(EncProof.prove(own, bigK, k, rho, setup, CTX, TestRandom.seeded(21)))
                .isEqualTo(EncProof.prove(pub, bigK, k, rho, setup, CTX, TestRandom.seeded(21)));

        ECPoint g = Secp256k1.mulG(Secp256k1.randomScalar(random));
        ECPoint bigX = g.multiply(k).normalize();
        LogStarProof fast = LogStarProof.prove(own, bigK, bigX, g, k, rho, setup, CTX, TestRandom.seeded(22));
        assertThat(fast).isEqualTo(LogStarProof.prove(pub, bigK, bigX, g, k, rho, setup, CTX, TestRandom.seeded(22)));
        assertThat(fast.verify(pub, bigK, bigX, g, setup, CTX).isOk()).isTrue();

        BigInteger beta = IntegerMath.symmetric(ZkParams.ELL_PRIME, random);
        BigInteger rhoBeta = pub.randomNonce(random);
        BigInteger fHat = pub.encrypt(beta, rhoBeta);
        ECPoint hat = Secp256k1.mulG(beta.mod(Secp256k1.Q));
        assertThat(LogStarProof.proveInRange(ZkParams.ELL_PRIME, own, fHat, hat, Secp256k1.G, beta, rhoBeta, setup,
                CTX, TestRandom.seeded(23)))
                .isEqualTo(LogStarProof.proveInRange(ZkParams.ELL_PRIME, pub, fHat, hat, Secp256k1.G, beta, rhoBeta,
                        setup, CTX, TestRandom.seeded(23)));

        // the MtA responder: N0 is the peer's (initiator's), N1 its own
        BigInteger x = Secp256k1.randomScalar(random);
        BigInteger y = IntegerMath.symmetric(ZkParams.ELL_PRIME, random);
        BigInteger c = peer.encrypt(Secp256k1.randomScalar(random), peer.randomNonce(random));
        BigInteger s = peer.randomNonce(random);
        BigInteger r = pub.randomNonce(random);
        BigInteger d = peer.add(peer.multiply(c, x), peer.encrypt(y, s));
        AffGProof.Statement st = new AffGProof.Statement(peer, pub, c, d, own.encrypt(y, r), Secp256k1.mulG(x));
        AffGProof affFast = AffGProof.prove(st, own, x, y, s, r, setup, CTX, TestRandom.seeded(24));
        assertThat(affFast).isEqualTo(AffGProof.prove(st, x, y, s, r, setup, CTX, TestRandom.seeded(24)));
        assertThat(affFast.verify(st, setup, CTX).isOk()).isTrue();
        assertThatThrownBy(() -> AffGProof.prove(st, FixturePrimes.paillier(9), x, y, s, r, setup, CTX,
                TestRandom.seeded(24))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void batched_unit_checks_name_an_in_range_non_unit_at_its_position() {
        PaillierSecretKey key = FixturePrimes.paillier(7);
        BigInteger n = key.publicKey().n();
        ProofContext ctx = new ProofContext("sid-shortcuts", "test/1", 2, 1, 0);
        ModProof p = ModProof.prove(key, ctx, JOINT, TestRandom.seeded(31));
        BigInteger[] x = p.x().clone();
        x[7] = key.p().multiply(BigInteger.valueOf(3));
        Verdict xv = new ModProof(p.w(), x, p.a(), p.b(), p.z()).verify(n, ctx, JOINT);
        assertThat(xv.check()).isEqualTo("mod.x-range");
        assertThat(xv.detail()).contains("x_7 ");
        BigInteger[] z = p.z().clone();
        z[11] = key.q();
        Verdict zv = new ModProof(p.w(), p.x(), p.a(), p.b(), z).verify(n, ctx, JOINT);
        assertThat(zv.check()).isEqualTo("mod.z-range");
        assertThat(zv.detail()).contains("z_11 ");

        RingPedersenSecret secret = RingPedersenSecret.generate(key, TestRandom.seeded(32));
        PrmProof prm = PrmProof.prove(secret, ctx, JOINT, TestRandom.seeded(33));
        BigInteger[] back = prm.backwardA().clone();
        back[90] = key.q().multiply(BigInteger.TWO);
        Verdict pv = new PrmProof(prm.forwardA(), prm.forwardZ(), back, prm.backwardZ())
                .verify(secret.params(), ctx, JOINT);
        assertThat(pv.check()).isEqualTo("prm.a-range");
        assertThat(pv.detail()).contains("commitment 90 ");

        // a ciphertext that is a multiple of p is below N^2 but no unit
        PaillierPublicKey pub = key.publicKey();
        RingPedersen setup = RingPedersenSecret.generate(FixturePrimes.paillier(10), TestRandom.seeded(3)).params();
        BigInteger k = BigInteger.valueOf(5);
        BigInteger rho = pub.randomNonce(TestRandom.seeded(34));
        EncProof enc = EncProof.prove(key, pub.encrypt(k, rho), k, rho, setup, CTX, TestRandom.seeded(35));
        assertThat(enc.verify(pub, key.p().multiply(key.p()).add(key.p()), setup, CTX).check())
                .isEqualTo("enc.ciphertext");
    }
}
