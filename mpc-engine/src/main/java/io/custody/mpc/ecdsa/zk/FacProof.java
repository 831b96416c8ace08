package io.custody.mpc.ecdsa.zk;

import io.custody.mpc.ecdsa.curve.Secp256k1;
import io.custody.mpc.ecdsa.math.IntegerMath;
import io.custody.mpc.ecdsa.paillier.PaillierSecretKey;
import io.custody.mpc.ecdsa.paillier.RingPedersen;
import io.custody.mpc.ecdsa.wire.WireReader;
import io.custody.mpc.ecdsa.wire.WireWriter;
import io.custody.mpc.transcript.ProofContext;
import io.custody.mpc.transcript.Transcript;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * Pi^fac of CGGMP21 (Fig. 28, "no small factor"): N0 = p q with both |p|, |q| close to sqrt(N0), so neither factor is
 * small. Without it a party can publish N0 with many small factors and extract another party's key share through the
 * MtA responses (BitForge, CVE-2023-33241). The proof is made against the verifier's ring-Pedersen parameters.
 */
public record FacProof(BigInteger p, BigInteger q, BigInteger a, BigInteger b, BigInteger t, BigInteger sigma,
                       BigInteger z1, BigInteger z2, BigInteger w1, BigInteger w2, BigInteger v) {

    private static final String LABEL = "cggmp21/pi-fac";
    private static final int LE = ZkParams.ELL + ZkParams.EPSILON;

    public static FacProof prove(PaillierSecretKey key, RingPedersen setup, ProofContext ctx, SecureRandom random) {
        BigInteger n0 = key.publicKey().n();
        BigInteger pp = key.p();
        BigInteger qq = key.q();
        BigInteger nHat = setup.n();
        BigInteger sqrtN0 = n0.sqrt();
        BigInteger alpha = IntegerMath.symmetric(LE, sqrtN0, random);
        BigInteger beta = IntegerMath.symmetric(LE, sqrtN0, random);
        BigInteger mu = IntegerMath.symmetric(ZkParams.ELL, nHat, random);
        BigInteger nu = IntegerMath.symmetric(ZkParams.ELL, nHat, random);
        BigInteger sigma = IntegerMath.symmetric(ZkParams.ELL, n0.multiply(nHat), random);
        BigInteger r = IntegerMath.symmetric(LE, n0.multiply(nHat), random);
        BigInteger x = IntegerMath.symmetric(LE, nHat, random);
        BigInteger y = IntegerMath.symmetric(LE, nHat, random);
        BigInteger bigP = setup.commit(pp, mu);
        BigInteger bigQ = setup.commit(qq, nu);
        BigInteger bigA = setup.commit(alpha, x);
        BigInteger bigB = setup.commit(beta, y);
        BigInteger bigT = IntegerMath.pow(bigQ, alpha, nHat).multiply(IntegerMath.pow(setup.t(), r, nHat)).mod(nHat);
        BigInteger e = challenge(n0, setup, bigP, bigQ, bigA, bigB, bigT, sigma, ctx);
        BigInteger sigmaHat = sigma.subtract(nu.multiply(pp));
        return new FacProof(bigP, bigQ, bigA, bigB, bigT, sigma,
                alpha.add(e.multiply(pp)), beta.add(e.multiply(qq)),
                x.add(e.multiply(mu)), y.add(e.multiply(nu)), r.add(e.multiply(sigmaHat)));
    }

    public Verdict verify(BigInteger n0, RingPedersen setup, ProofContext ctx) {
        BigInteger nHat = setup.n();
        if (n0.bitLength() != ctx.level().modulusBits()) {
            return Verdict.fail("fac.n-size", "N0 has " + n0.bitLength() + " bits, the level requires "
                    + ctx.level().modulusBits());
        }
        for (BigInteger c : new BigInteger[] {p, q, a, b, t}) {
            if (!IntegerMath.isUnit(c, nHat)) return Verdict.fail("fac.commitment-range", "commitment not a unit mod N^");
        }
        BigInteger bound = n0.sqrt();
        if (!IntegerMath.inSymmetricRange(z1, LE, bound) || !IntegerMath.inSymmetricRange(z2, LE, bound)) {
            return Verdict.fail("fac.z-range", "z1 or z2 outside +-sqrt(N0) 2^(l+eps): a factor is too small");
        }
        // Every other response is an exponent mod N^ too; each is refused above an honest prover's bound before any
        // modPow: w1, w2 below 2^(l+eps+1) N^, sigma below 2^l N0 N^, v below 2^(l+eps+1) N0 N^.
        if (!IntegerMath.inSymmetricRange(w1, LE + 1, nHat) || !IntegerMath.inSymmetricRange(w2, LE + 1, nHat)) {
            return Verdict.fail("fac.w-range", "w1 or w2 too large");
        }
        if (!IntegerMath.inSymmetricRange(sigma, ZkParams.ELL, n0.multiply(nHat))) {
            return Verdict.fail("fac.sigma-range", "sigma too large");
        }
        if (!IntegerMath.inSymmetricRange(v, LE + 1, n0.multiply(nHat))) {
            return Verdict.fail("fac.v-range", "v too large");
        }
        BigInteger e = challenge(n0, setup, p, q, a, b, t, sigma, ctx);
        if (!setup.commit(z1, w1).equals(a.multiply(IntegerMath.pow(p, e, nHat)).mod(nHat))) {
            return Verdict.fail("fac.p-commitment", "s^z1 t^w1 != A P^e");
        }
        if (!setup.commit(z2, w2).equals(b.multiply(IntegerMath.pow(q, e, nHat)).mod(nHat))) {
            return Verdict.fail("fac.q-commitment", "s^z2 t^w2 != B Q^e");
        }
        BigInteger bigR = setup.commit(n0, sigma);
        BigInteger lhs = IntegerMath.pow(q, z1, nHat).multiply(IntegerMath.pow(setup.t(), v, nHat)).mod(nHat);
        BigInteger rhs = t.multiply(IntegerMath.pow(bigR, e, nHat)).mod(nHat);
        if (!lhs.equals(rhs)) return Verdict.fail("fac.product", "Q^z1 t^v != T R^e");
        return Verdict.ok();
    }

    private static BigInteger challenge(BigInteger n0, RingPedersen setup, BigInteger p, BigInteger q, BigInteger a,
                                        BigInteger b, BigInteger t, BigInteger sigma, ProofContext ctx) {
        return Transcript.start(LABEL, ctx).append("N0", n0).append("Nhat", setup.n()).append("s", setup.s())
                .append("t", setup.t()).append("P", p).append("Q", q).append("A", a).append("B", b).append("T", t)
                .append("sigma", sigma).challengeSymmetric("e", Secp256k1.Q);
    }

    public void write(WireWriter out) {
        out.big(p).big(q).big(a).big(b).big(t).big(sigma).big(z1).big(z2).big(w1).big(w2).big(v);
    }

    public static FacProof read(WireReader in) {
        return new FacProof(in.big(), in.big(), in.big(), in.big(), in.big(), in.big(), in.big(), in.big(), in.big(),
                in.big(), in.big());
    }
}
