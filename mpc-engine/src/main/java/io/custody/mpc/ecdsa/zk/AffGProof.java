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
import org.bouncycastle.math.ec.ECPoint;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.function.BinaryOperator;

/**
 * Pi^aff-g of CGGMP21 (Fig. 15): the MtA responder computed D = C^x (1+N0)^y rho^N0 mod N0^2 with x in +-2^(l+eps)
 * equal to the discrete log of the public point X, and Y = enc_N1(y; rho_y) with y in +-2^(l'+eps). N0 is the
 * initiator's (verifier's) Paillier key, N1 the responder's own. Binding x to X is what makes this MtA "with check":
 * a responder cannot put anything but its committed share (or nonce part) into the product.
 */
public record AffGProof(BigInteger a, ECPoint bx, BigInteger by, BigInteger e, BigInteger s, BigInteger f,
                        BigInteger t, BigInteger z1, BigInteger z2, BigInteger z3, BigInteger z4, BigInteger w,
                        BigInteger wy) {

    private static final String LABEL = "cggmp21/pi-aff-g";
    private static final int LE = ZkParams.ELL + ZkParams.EPSILON;
    private static final int LPE = ZkParams.ELL_PRIME + ZkParams.EPSILON;

    /** Statement of the proof; all public. */
    public record Statement(PaillierPublicKey n0, PaillierPublicKey n1, BigInteger c, BigInteger d, BigInteger y,
                            ECPoint x) {
    }

    public static AffGProof prove(Statement st, BigInteger x, BigInteger y, BigInteger rho, BigInteger rhoY,
                                  RingPedersen setup, ProofContext ctx, SecureRandom random) {
        return prove(st, st.n1()::encrypt, x, y, rho, rhoY, setup, ctx, random);
    }

    /**
     * The same proof by the responder holding the factorisation of its own key N1: the commitment By is encrypted
     * through it ({@link PaillierSecretKey#encrypt}, equal to the public-key encryption). Everything under the
     * initiator's N0 stays public-key arithmetic; transcript and responses are unchanged.
     */
    public static AffGProof prove(Statement st, PaillierSecretKey n1, BigInteger x, BigInteger y, BigInteger rho,
                                  BigInteger rhoY, RingPedersen setup, ProofContext ctx, SecureRandom random) {
        if (!n1.publicKey().equals(st.n1())) throw new IllegalArgumentException("N1 is not the statement's");
        return prove(st, n1::encrypt, x, y, rho, rhoY, setup, ctx, random);
    }

    private static AffGProof prove(Statement st, BinaryOperator<BigInteger> encryptN1, BigInteger x, BigInteger y,
                                   BigInteger rho, BigInteger rhoY, RingPedersen setup, ProofContext ctx,
                                   SecureRandom random) {
        BigInteger n0 = st.n0().n();
        BigInteger n1 = st.n1().n();
        BigInteger nHat = setup.n();
        BigInteger alpha = IntegerMath.symmetric(LE, random);
        BigInteger beta = IntegerMath.symmetric(LPE, random);
        BigInteger r = st.n0().randomNonce(random);
        BigInteger ry = st.n1().randomNonce(random);
        BigInteger gamma = IntegerMath.symmetric(LE, nHat, random);
        BigInteger m = IntegerMath.symmetric(ZkParams.ELL, nHat, random);
        BigInteger delta = IntegerMath.symmetric(LE, nHat, random);
        BigInteger mu = IntegerMath.symmetric(ZkParams.ELL, nHat, random);
        BigInteger bigA = st.n0().add(st.n0().multiply(st.c(), alpha), st.n0().encrypt(beta, r));
        ECPoint bigBx = Secp256k1.mulG(alpha);
        BigInteger bigBy = encryptN1.apply(beta, ry);
        BigInteger bigE = setup.commit(alpha, gamma);
        BigInteger bigS = setup.commit(x, m);
        BigInteger bigF = setup.commit(beta, delta);
        BigInteger bigT = setup.commit(y, mu);
        BigInteger e = challenge(st, setup, bigA, bigBx, bigBy, bigE, bigS, bigF, bigT, ctx);
        return new AffGProof(bigA, bigBx, bigBy, bigE, bigS, bigF, bigT,
                alpha.add(e.multiply(x)), beta.add(e.multiply(y)), gamma.add(e.multiply(m)),
                delta.add(e.multiply(mu)), r.multiply(IntegerMath.pow(rho, e, n0)).mod(n0),
                ry.multiply(IntegerMath.pow(rhoY, e, n1)).mod(n1));
    }

    public Verdict verify(Statement st, RingPedersen setup, ProofContext ctx) {
        BigInteger n0 = st.n0().n();
        BigInteger n1 = st.n1().n();
        BigInteger nHat = setup.n();
        if (!st.n0().isValidCiphertext(st.c()) || !st.n0().isValidCiphertext(st.d())
                || !st.n1().isValidCiphertext(st.y())) {
            return Verdict.fail("affg.ciphertext", "C, D or Y is not a unit of its Z_{N^2}");
        }
        if (!st.n0().isValidCiphertext(a) || !st.n1().isValidCiphertext(by)) {
            return Verdict.fail("affg.commitment-range", "A or By is not a unit of its Z_{N^2}");
        }
        for (BigInteger v : new BigInteger[] {e, s, f, t}) {
            if (!IntegerMath.isUnit(v, nHat)) return Verdict.fail("affg.commitment-range", "not a unit of Z_N^");
        }
        if (!IntegerMath.isUnit(w, n0) || !IntegerMath.isUnit(wy, n1)) {
            return Verdict.fail("affg.w-range", "w or wy is not a unit");
        }
        if (!IntegerMath.inSymmetricRange(z1, LE)) return Verdict.fail("affg.x-range", "z1 outside +-2^(l+eps)");
        if (!IntegerMath.inSymmetricRange(z2, LPE)) return Verdict.fail("affg.y-range", "z2 outside +-2^(l'+eps)");
        // z3 and z4 are exponents of t mod N^: an honest prover's are below 2^(l+eps+1) N^ (a mask of l+eps bits
        // times N^ plus e times an l-bit multiple of N^), and anything larger is refused before it costs a modPow
        if (!IntegerMath.inSymmetricRange(z3, LE + 1, nHat)) return Verdict.fail("affg.z3-range", "z3 too large");
        if (!IntegerMath.inSymmetricRange(z4, LE + 1, nHat)) return Verdict.fail("affg.z4-range", "z4 too large");
        BigInteger ch = challenge(st, setup, a, bx, by, e, s, f, t, ctx);
        BigInteger lhs = st.n0().add(st.n0().multiply(st.c(), z1), st.n0().encrypt(z2, w));
        BigInteger rhs = st.n0().add(a, st.n0().multiply(st.d(), ch));
        if (!lhs.equals(rhs)) return Verdict.fail("affg.affine", "C^z1 (1+N0)^z2 w^N0 != A D^e");
        if (!Secp256k1.mulG(z1).equals(bx.add(st.x().multiply(ch.mod(Secp256k1.Q))).normalize())) {
            return Verdict.fail("affg.group", "z1 G != Bx + e X");
        }
        if (!st.n1().encrypt(z2, wy).equals(st.n1().add(by, st.n1().multiply(st.y(), ch)))) {
            return Verdict.fail("affg.y-encryption", "enc_N1(z2; wy) != By Y^e");
        }
        if (!setup.commit(z1, z3).equals(e.multiply(IntegerMath.pow(s, ch, nHat)).mod(nHat))) {
            return Verdict.fail("affg.pedersen-x", "s^z1 t^z3 != E S^e");
        }
        if (!setup.commit(z2, z4).equals(f.multiply(IntegerMath.pow(t, ch, nHat)).mod(nHat))) {
            return Verdict.fail("affg.pedersen-y", "s^z2 t^z4 != F T^e");
        }
        return Verdict.ok();
    }

    private static BigInteger challenge(Statement st, RingPedersen setup, BigInteger a, ECPoint bx, BigInteger by,
                                        BigInteger e, BigInteger s, BigInteger f, BigInteger t, ProofContext ctx) {
        return Transcript.start(LABEL, ctx).append("N0", st.n0().n()).append("N1", st.n1().n())
                .append("C", st.c()).append("D", st.d()).append("Y", st.y()).append("X", Secp256k1.encode(st.x()))
                .append("Nhat", setup.n()).append("s", setup.s()).append("t", setup.t())
                .append("A", a).append("Bx", Secp256k1.encode(bx)).append("By", by).append("E", e).append("S", s)
                .append("F", f).append("T", t).challengeSymmetric("e", Secp256k1.Q);
    }

    public void write(WireWriter out) {
        out.big(a).point(bx).big(by).big(e).big(s).big(f).big(t).big(z1).big(z2).big(z3).big(z4).big(w).big(wy);
    }

    public static AffGProof read(WireReader in) {
        return new AffGProof(in.big(), in.point(), in.big(), in.big(), in.big(), in.big(), in.big(), in.big(),
                in.big(), in.big(), in.big(), in.big(), in.big());
    }
}
