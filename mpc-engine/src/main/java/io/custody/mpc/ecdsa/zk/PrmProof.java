package io.custody.mpc.ecdsa.zk;

import io.custody.mpc.ecdsa.math.IntegerMath;
import io.custody.mpc.ecdsa.paillier.RingPedersen;
import io.custody.mpc.ecdsa.paillier.RingPedersenSecret;
import io.custody.mpc.ecdsa.wire.MalformedMessageException;
import io.custody.mpc.ecdsa.wire.WireReader;
import io.custody.mpc.ecdsa.wire.WireWriter;
import io.custody.mpc.transcript.ProofContext;
import io.custody.mpc.transcript.Transcript;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * Pi^prm of CGGMP21 (Fig. 17), run in both directions: s = t^lambda (s in &lt;t&gt;) and t = s^(lambda^-1)
 * (t in &lt;s&gt;). Each direction has m = 128 repetitions with one-bit challenges, and all 256 bits come from a
 * single squeeze over the whole statement, every commitment and the run's joint randomness, so a prover cannot learn a
 * bit before fixing the commitment it answers ("c-split"), cannot guess the challenge ("c-guess": 2^-128 per try, and
 * no try can start before the honest parties' round-1 commitments exist), and cannot omit a direction ("c-forget").
 */
public record PrmProof(BigInteger[] forwardA, BigInteger[] forwardZ, BigInteger[] backwardA, BigInteger[] backwardZ) {

    private static final String LABEL = "cggmp21/pi-prm";

    /** @param joint the run's jointly random bytes, as for {@link ModProof#prove} */
    public static PrmProof prove(RingPedersenSecret secret, ProofContext ctx, byte[] joint, SecureRandom random) {
        RingPedersen rp = secret.params();
        BigInteger n = rp.n();
        BigInteger phi = secret.phi();
        BigInteger lambda = secret.lambda();
        BigInteger lambdaInv = lambda.modInverse(phi);
        BigInteger[] fa = new BigInteger[ZkParams.M];
        BigInteger[] fr = new BigInteger[ZkParams.M];
        BigInteger[] ba = new BigInteger[ZkParams.M];
        BigInteger[] br = new BigInteger[ZkParams.M];
        for (int i = 0; i < ZkParams.M; i++) {
            fr[i] = IntegerMath.below(phi, random);
            fa[i] = secret.pow(rp.t(), fr[i]);
            br[i] = IntegerMath.below(phi, random);
            ba[i] = secret.pow(rp.s(), br[i]);
        }
        boolean[] e = challenge(rp, fa, ba, ctx, joint);
        BigInteger[] fz = new BigInteger[ZkParams.M];
        BigInteger[] bz = new BigInteger[ZkParams.M];
        for (int i = 0; i < ZkParams.M; i++) {
            fz[i] = e[i] ? fr[i].add(lambda).mod(phi) : fr[i];
            bz[i] = e[ZkParams.M + i] ? br[i].add(lambdaInv).mod(phi) : br[i];
        }
        return new PrmProof(fa, fz, ba, bz);
    }

    public Verdict verify(RingPedersen rp, ProofContext ctx, byte[] joint) {
        BigInteger n = rp.n();
        Verdict shape = ModProof.checkModulusShape(n, ctx.level());
        if (!shape.isOk()) return Verdict.fail("prm." + shape.check().substring(4), shape.detail());
        if (!IntegerMath.isUnit(rp.s(), n) || !IntegerMath.isUnit(rp.t(), n)) {
            return Verdict.fail("prm.st-units", "s or t is not a unit of Z_N");
        }
        if (rp.s().equals(BigInteger.ONE) || rp.t().equals(BigInteger.ONE) || rp.s().equals(rp.t())) {
            return Verdict.fail("prm.st-trivial", "s or t is 1, or s = t");
        }
        if (forwardA.length != ZkParams.M || forwardZ.length != ZkParams.M) {
            return Verdict.fail("prm.iterations", "forward direction has " + forwardA.length + " of " + ZkParams.M);
        }
        if (backwardA.length != ZkParams.M || backwardZ.length != ZkParams.M) {
            return Verdict.fail("prm.backward-direction", "backward direction has " + backwardA.length + " of " + ZkParams.M);
        }
        // per-element gcds only when the batched check fails (IntegerMath.allUnits), to name the same offender
        boolean allUnits = IntegerMath.allUnits(forwardA, n) && IntegerMath.allUnits(backwardA, n);
        for (int i = 0; i < ZkParams.M; i++) {
            if (!allUnits && (!IntegerMath.isUnit(forwardA[i], n) || !IntegerMath.isUnit(backwardA[i], n))) {
                return Verdict.fail("prm.a-range", "commitment " + i + " is not a unit of Z_N");
            }
            if (forwardZ[i].signum() < 0 || backwardZ[i].signum() < 0
                    || forwardZ[i].bitLength() > n.bitLength() || backwardZ[i].bitLength() > n.bitLength()) {
                return Verdict.fail("prm.z-range", "response " + i + " out of range");
            }
        }
        boolean[] e = challenge(rp, forwardA, backwardA, ctx, joint);
        for (int i = 0; i < ZkParams.M; i++) {
            BigInteger lhs = rp.t().modPow(forwardZ[i], n);
            BigInteger rhs = e[i] ? forwardA[i].multiply(rp.s()).mod(n) : forwardA[i];
            if (!lhs.equals(rhs)) return Verdict.fail("prm.forward", "t^z != A s^e at " + i);
        }
        for (int i = 0; i < ZkParams.M; i++) {
            BigInteger lhs2 = rp.s().modPow(backwardZ[i], n);
            BigInteger rhs2 = e[ZkParams.M + i] ? backwardA[i].multiply(rp.t()).mod(n) : backwardA[i];
            if (!lhs2.equals(rhs2)) return Verdict.fail("prm.backward", "s^z != A t^e at " + i);
        }
        return Verdict.ok();
    }

    static boolean[] challenge(RingPedersen rp, BigInteger[] fa, BigInteger[] ba, ProofContext ctx, byte[] joint) {
        Transcript t = Transcript.start(LABEL, ctx).append("joint", joint).append("N", rp.n()).append("s", rp.s()).append("t", rp.t());
        t.append("forward-count", fa.length);
        for (BigInteger v : fa) t.append("A", v);
        t.append("backward-count", ba.length);
        for (BigInteger v : ba) t.append("B", v);
        return t.challengeBits("e", 2 * ZkParams.M);
    }

    public void write(WireWriter out) {
        out.bigs(forwardA).bigs(forwardZ).bigs(backwardA).bigs(backwardZ);
    }

    public static PrmProof read(WireReader in) {
        BigInteger[] fa = in.bigsAnyCount(1024);
        BigInteger[] fz = in.bigsAnyCount(1024);
        BigInteger[] ba = in.bigsAnyCount(1024);
        BigInteger[] bz = in.bigsAnyCount(1024);
        if (fa.length != fz.length || ba.length != bz.length) throw new MalformedMessageException("prm count mismatch");
        return new PrmProof(fa, fz, ba, bz);
    }
}
