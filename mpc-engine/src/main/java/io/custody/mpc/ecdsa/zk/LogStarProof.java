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
 * Pi^log* of CGGMP21 (Fig. 25): the plaintext x of C = enc_N0(x; rho) is in +-2^(l+eps) and is the discrete log of X
 * to the base g. It ties a party's Paillier-encrypted nonce parts to the curve points the signature is built from.
 *
 * <p>The plaintext bound l is a parameter of the statement ({@link #proveInRange}): presigning's identification step
 * proves it for MtA masks of l' bits. The bound is hashed into the challenge, so a proof for one range never verifies
 * for another.
 */
public record LogStarProof(BigInteger s, BigInteger a, ECPoint y, BigInteger d, BigInteger z1, BigInteger z2,
                           BigInteger z3) {

    private static final String LABEL = "cggmp21/pi-log-star";

    public static LogStarProof prove(PaillierPublicKey key, BigInteger bigC, ECPoint bigX, ECPoint g, BigInteger x,
                                     BigInteger rho, RingPedersen setup, ProofContext ctx, SecureRandom random) {
        return proveInRange(ZkParams.ELL, key, bigC, bigX, g, x, rho, setup, ctx, random);
    }

    /** The proof for a plaintext in +-2^ell; {@link #verifyInRange} with the same ell accepts it. */
    public static LogStarProof proveInRange(int ell, PaillierPublicKey key, BigInteger bigC, ECPoint bigX, ECPoint g,
                                            BigInteger x, BigInteger rho, RingPedersen setup, ProofContext ctx,
                                            SecureRandom random) {
        return proveInRange(ell, key, key::encrypt, bigC, bigX, g, x, rho, setup, ctx, random);
    }

    /**
     * {@link #prove} by the owner of the Paillier key: the commitment A is encrypted through the factorisation
     * ({@link PaillierSecretKey#encrypt}, equal to the public-key encryption); transcript and responses are unchanged.
     */
    public static LogStarProof prove(PaillierSecretKey key, BigInteger bigC, ECPoint bigX, ECPoint g, BigInteger x,
                                     BigInteger rho, RingPedersen setup, ProofContext ctx, SecureRandom random) {
        return proveInRange(ZkParams.ELL, key, bigC, bigX, g, x, rho, setup, ctx, random);
    }

    /** {@link #proveInRange} by the owner of the Paillier key, as {@link #prove(PaillierSecretKey, BigInteger,
     * ECPoint, ECPoint, BigInteger, BigInteger, RingPedersen, ProofContext, SecureRandom)}. */
    public static LogStarProof proveInRange(int ell, PaillierSecretKey key, BigInteger bigC, ECPoint bigX, ECPoint g,
                                            BigInteger x, BigInteger rho, RingPedersen setup, ProofContext ctx,
                                            SecureRandom random) {
        return proveInRange(ell, key.publicKey(), key::encrypt, bigC, bigX, g, x, rho, setup, ctx, random);
    }

    private static LogStarProof proveInRange(int ell, PaillierPublicKey key, BinaryOperator<BigInteger> encrypt,
                                             BigInteger bigC, ECPoint bigX, ECPoint g, BigInteger x, BigInteger rho,
                                             RingPedersen setup, ProofContext ctx, SecureRandom random) {
        int le = ell + ZkParams.EPSILON;
        BigInteger n0 = key.n();
        BigInteger nHat = setup.n();
        BigInteger alpha = IntegerMath.symmetric(le, random);
        BigInteger mu = IntegerMath.symmetric(ell, nHat, random);
        BigInteger r = key.randomNonce(random);
        BigInteger gamma = IntegerMath.symmetric(le, nHat, random);
        BigInteger bigS = setup.commit(x, mu);
        BigInteger bigA = encrypt.apply(alpha, r);
        ECPoint bigY = Secp256k1.mulSecret(g, alpha);
        BigInteger bigD = setup.commit(alpha, gamma);
        BigInteger e = challenge(ell, n0, bigC, bigX, g, setup, bigS, bigA, bigY, bigD, ctx);
        return new LogStarProof(bigS, bigA, bigY, bigD, alpha.add(e.multiply(x)),
                r.multiply(IntegerMath.pow(rho, e, n0)).mod(n0), gamma.add(e.multiply(mu)));
    }

    public Verdict verify(PaillierPublicKey key, BigInteger bigC, ECPoint bigX, ECPoint g, RingPedersen setup,
                          ProofContext ctx) {
        return verifyInRange(ZkParams.ELL, key, bigC, bigX, g, setup, ctx);
    }

    public Verdict verifyInRange(int ell, PaillierPublicKey key, BigInteger bigC, ECPoint bigX, ECPoint g,
                                 RingPedersen setup, ProofContext ctx) {
        BigInteger n0 = key.n();
        BigInteger nHat = setup.n();
        if (!key.isValidCiphertext(bigC)) return Verdict.fail("logstar.ciphertext", "C is not a unit of Z_{N^2}");
        if (!key.isValidCiphertext(a)) return Verdict.fail("logstar.commitment-range", "A is not a unit of Z_{N^2}");
        if (!IntegerMath.isUnit(s, nHat) || !IntegerMath.isUnit(d, nHat)) {
            return Verdict.fail("logstar.commitment-range", "S or D is not a unit of Z_N^");
        }
        if (!IntegerMath.isUnit(z2, n0)) return Verdict.fail("logstar.z2-range", "z2 not a unit of Z_N0");
        if (!IntegerMath.inSymmetricRange(z1, ell + ZkParams.EPSILON)) {
            return Verdict.fail("logstar.range", "z1 outside +-2^(l+eps)");
        }
        // z3, an exponent of t mod N^, is below 2^(l+eps+1) N^ for an honest prover; refused before any modPow
        if (!IntegerMath.inSymmetricRange(z3, ell + ZkParams.EPSILON + 1, nHat)) {
            return Verdict.fail("logstar.z3-range", "z3 too large");
        }
        BigInteger e = challenge(ell, n0, bigC, bigX, g, setup, s, a, y, d, ctx);
        BigInteger n2 = key.nSquared();
        if (!key.encrypt(z1, z2).equals(a.multiply(IntegerMath.pow(bigC, e, n2)).mod(n2))) {
            return Verdict.fail("logstar.paillier", "enc(z1; z2) != A C^e");
        }
        ECPoint lhs = g.multiply(z1.mod(Secp256k1.Q));
        ECPoint rhs = y.add(bigX.multiply(e.mod(Secp256k1.Q)));
        if (!lhs.equals(rhs)) return Verdict.fail("logstar.group", "z1 g != Y + e X");
        if (!setup.commit(z1, z3).equals(d.multiply(IntegerMath.pow(s, e, nHat)).mod(nHat))) {
            return Verdict.fail("logstar.pedersen", "s^z1 t^z3 != D S^e");
        }
        return Verdict.ok();
    }

    private static BigInteger challenge(int ell, BigInteger n0, BigInteger bigC, ECPoint bigX, ECPoint g, RingPedersen setup,
                                        BigInteger s, BigInteger a, ECPoint y, BigInteger d, ProofContext ctx) {
        return Transcript.start(LABEL, ctx).append("ell", BigInteger.valueOf(ell)).append("N0", n0).append("C", bigC).append("X", Secp256k1.encode(bigX))
                .append("g", Secp256k1.encode(g)).append("Nhat", setup.n()).append("s", setup.s())
                .append("t", setup.t()).append("S", s).append("A", a).append("Y", Secp256k1.encode(y))
                .append("D", d).challengeSymmetric("e", Secp256k1.Q);
    }

    public void write(WireWriter out) {
        out.big(s).big(a).point(y).big(d).big(z1).big(z2).big(z3);
    }

    public static LogStarProof read(WireReader in) {
        return new LogStarProof(in.big(), in.big(), in.point(), in.big(), in.big(), in.big(), in.big());
    }
}
