package io.custody.mpc.ecdsa.zk;

import io.custody.mpc.ecdsa.curve.Secp256k1;
import io.custody.mpc.ecdsa.math.IntegerMath;
import io.custody.mpc.ecdsa.paillier.PaillierPublicKey;
import io.custody.mpc.ecdsa.paillier.PaillierSecretKey;
import io.custody.mpc.ecdsa.paillier.RingPedersen;
import io.custody.mpc.ecdsa.wire.WireReader;
import io.custody.mpc.ecdsa.wire.WireWriter;
import io.custody.mpc.transcript.ProofContext;
import io.custody.mpc.transcript.Transcript;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.function.BinaryOperator;

/**
 * Pi^enc of CGGMP21 (Fig. 14): the plaintext k of K = enc_N0(k; rho) lies in +-2^(l+eps). This is the range proof on
 * the MtA initiator's ciphertext; an out-of-range k lets the initiator read the responder's secret through wrap-around
 * (Alpha-Rays), which the bound check on z1 stops.
 */
public record EncProof(BigInteger s, BigInteger a, BigInteger c, BigInteger z1, BigInteger z2, BigInteger z3) {

    private static final String LABEL = "cggmp21/pi-enc";
    private static final int LE = ZkParams.ELL + ZkParams.EPSILON;

    public static EncProof prove(PaillierPublicKey key, BigInteger bigK, BigInteger k, BigInteger rho,
                                 RingPedersen setup, ProofContext ctx, SecureRandom random) {
        return prove(key, key::encrypt, bigK, k, rho, setup, ctx, random);
    }

    /**
     * The same proof from the owner of the Paillier key, whose commitment A is encrypted through the factorisation
     * ({@link PaillierSecretKey#encrypt}, equal to the public-key encryption); transcript and responses are unchanged.
     */
    public static EncProof prove(PaillierSecretKey key, BigInteger bigK, BigInteger k, BigInteger rho,
                                 RingPedersen setup, ProofContext ctx, SecureRandom random) {
        return prove(key.publicKey(), key::encrypt, bigK, k, rho, setup, ctx, random);
    }

    private static EncProof prove(PaillierPublicKey key, BinaryOperator<BigInteger> encrypt, BigInteger bigK,
                                  BigInteger k, BigInteger rho, RingPedersen setup, ProofContext ctx,
                                  SecureRandom random) {
        BigInteger n0 = key.n();
        BigInteger nHat = setup.n();
        BigInteger alpha = IntegerMath.symmetric(LE, random);
        BigInteger mu = IntegerMath.symmetric(ZkParams.ELL, nHat, random);
        BigInteger r = key.randomNonce(random);
        BigInteger gamma = IntegerMath.symmetric(LE, nHat, random);
        BigInteger bigS = setup.commit(k, mu);
        BigInteger bigA = encrypt.apply(alpha, r);
        BigInteger bigC = setup.commit(alpha, gamma);
        BigInteger e = challenge(n0, bigK, setup, bigS, bigA, bigC, ctx);
        return new EncProof(bigS, bigA, bigC, alpha.add(e.multiply(k)),
                r.multiply(IntegerMath.pow(rho, e, n0)).mod(n0), gamma.add(e.multiply(mu)));
    }

    public Verdict verify(PaillierPublicKey key, BigInteger bigK, RingPedersen setup, ProofContext ctx) {
        BigInteger n0 = key.n();
        BigInteger nHat = setup.n();
        if (!key.isValidCiphertext(bigK)) return Verdict.fail("enc.ciphertext", "K is not a unit of Z_{N^2}");
        if (!key.isValidCiphertext(a)) return Verdict.fail("enc.commitment-range", "A is not a unit of Z_{N^2}");
        if (!IntegerMath.isUnit(s, nHat) || !IntegerMath.isUnit(c, nHat)) {
            return Verdict.fail("enc.commitment-range", "S or C is not a unit of Z_N^");
        }
        if (!IntegerMath.isUnit(z2, n0)) return Verdict.fail("enc.z2-range", "z2 not a unit of Z_N0");
        if (!IntegerMath.inSymmetricRange(z1, LE)) return Verdict.fail("enc.range", "z1 outside +-2^(l+eps)");
        // z3, an exponent of t mod N^, is below 2^(l+eps+1) N^ for an honest prover; refused before any modPow
        if (!IntegerMath.inSymmetricRange(z3, LE + 1, nHat)) return Verdict.fail("enc.z3-range", "z3 too large");
        BigInteger e = challenge(n0, bigK, setup, s, a, c, ctx);
        BigInteger n2 = key.nSquared();
        if (!key.encrypt(z1, z2).equals(a.multiply(IntegerMath.pow(bigK, e, n2)).mod(n2))) {
            return Verdict.fail("enc.paillier", "enc(z1; z2) != A K^e");
        }
        if (!setup.commit(z1, z3).equals(c.multiply(IntegerMath.pow(s, e, nHat)).mod(nHat))) {
            return Verdict.fail("enc.pedersen", "s^z1 t^z3 != C S^e");
        }
        return Verdict.ok();
    }

    private static BigInteger challenge(BigInteger n0, BigInteger bigK, RingPedersen setup, BigInteger s,
                                        BigInteger a, BigInteger c, ProofContext ctx) {
        return Transcript.start(LABEL, ctx).append("N0", n0).append("K", bigK).append("Nhat", setup.n())
                .append("s", setup.s()).append("t", setup.t()).append("S", s).append("A", a).append("C", c)
                .challengeSymmetric("e", Secp256k1.Q);
    }

    public void write(WireWriter out) {
        out.big(s).big(a).big(c).big(z1).big(z2).big(z3);
    }

    public static EncProof read(WireReader in) {
        return new EncProof(in.big(), in.big(), in.big(), in.big(), in.big(), in.big());
    }
}
