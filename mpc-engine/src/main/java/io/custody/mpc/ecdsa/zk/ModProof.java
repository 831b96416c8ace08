package io.custody.mpc.ecdsa.zk;

import io.custody.mpc.ecdsa.math.IntegerMath;
import io.custody.mpc.ecdsa.paillier.PaillierSecretKey;
import io.custody.mpc.ecdsa.wire.WireReader;
import io.custody.mpc.ecdsa.wire.WireWriter;
import io.custody.mpc.transcript.ProofContext;
import io.custody.mpc.transcript.Transcript;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * Pi^mod of CGGMP21 (Fig. 16, with the CGGMP24 additions): N is a Paillier-Blum modulus, i.e. N = p q with
 * p = q = 3 mod 4 and gcd(N, phi(N)) = 1.
 *
 * <p>The prover publishes w with Jacobi symbol (w / N) = -1; for m = 128 challenges y_i in Z*_N it shows an N-th root
 * z_i of y_i (only possible when gcd(N, phi(N)) = 1) and a fourth root x_i of (-1)^a_i w^b_i y_i (always possible
 * only for Blum integers). The verifier's checks on w (the "Jacobi trick": gcd(w, N) = 1 and (w / N) = -1), on N
 * (odd, not prime, not a perfect square), and on the range of every response are what CVE-2025-66016 style forgeries
 * get past when left out.
 */
public record ModProof(BigInteger w, BigInteger[] x, boolean[] a, boolean[] b, BigInteger[] z) {

    private static final String LABEL = "cggmp21/pi-mod";

    /**
     * @param joint jointly random bytes of the run that no prover controls alone (in key generation: a hash of every
     *              party's round-1 commitment, each binding a fresh secret salt), hashed into the challenges so a
     *              prover cannot grind a proof offline before the run (review finding 2)
     */
    public static ModProof prove(PaillierSecretKey key, ProofContext ctx, byte[] joint, SecureRandom random) {
        BigInteger p = key.p();
        BigInteger q = key.q();
        BigInteger n = key.publicKey().n();
        BigInteger phi = key.phi();
        BigInteger w;
        do {
            w = IntegerMath.unit(n, random);
        } while (IntegerMath.jacobi(w, n) != -1);
        BigInteger[] y = challenges(n, w, ctx, joint);
        BigInteger nInvPhi = n.modInverse(phi);
        BigInteger ep = p.add(BigInteger.ONE).shiftRight(2);
        BigInteger eq = q.add(BigInteger.ONE).shiftRight(2);
        // The fourth root is the square root taken twice, (v^ep)^ep mod p: one exponentiation by ep^2 mod (p - 1)
        // gives the same value (Fermat; p is prime and v a unit mod p whenever its symbol is 1), at half the cost.
        BigInteger ep2 = ep.multiply(ep).mod(p.subtract(BigInteger.ONE));
        BigInteger eq2 = eq.multiply(eq).mod(q.subtract(BigInteger.ONE));
        BigInteger qInvP = q.modInverse(p);
        // The Jacobi symbol is multiplicative in its upper argument, so the symbol of (-1)^a w^b y mod p is the product
        // of the symbols of -1, w and y: two symbols per repetition (of y) instead of up to eight, same choice of (a, b).
        int minusOneP = IntegerMath.jacobi(BigInteger.ONE.negate(), p);
        int minusOneQ = IntegerMath.jacobi(BigInteger.ONE.negate(), q);
        int wp = IntegerMath.jacobi(w, p);
        int wq = IntegerMath.jacobi(w, q);
        BigInteger[] xs = new BigInteger[ZkParams.M];
        boolean[] as = new boolean[ZkParams.M];
        boolean[] bs = new boolean[ZkParams.M];
        BigInteger[] zs = new BigInteger[ZkParams.M];
        for (int i = 0; i < ZkParams.M; i++) {
            zs[i] = key.powModN(y[i], nInvPhi);
            int yp = IntegerMath.jacobi(y[i], p);
            int yq = IntegerMath.jacobi(y[i], q);
            search:
            for (int ai = 0; ai < 2; ai++) {
                for (int bi = 0; bi < 2; bi++) {
                    int jp = (ai == 1 ? minusOneP : 1) * (bi == 1 ? wp : 1) * yp;
                    int jq = (ai == 1 ? minusOneQ : 1) * (bi == 1 ? wq : 1) * yq;
                    if (jp == 1 && jq == 1) {
                        BigInteger v = y[i];
                        if (ai == 1) v = v.negate();
                        if (bi == 1) v = v.multiply(w);
                        v = v.mod(n);
                        // a QR's principal square root is again a QR for Blum primes, so the square root taken
                        // twice is a fourth root
                        BigInteger rp = v.mod(p).modPow(ep2, p);
                        BigInteger rq = v.mod(q).modPow(eq2, q);
                        xs[i] = crt(rp, p, rq, q, qInvP);
                        as[i] = ai == 1;
                        bs[i] = bi == 1;
                        break search;
                    }
                }
            }
            if (xs[i] == null) throw new IllegalStateException("modulus is not Paillier-Blum");
        }
        return new ModProof(w, xs, as, bs, zs);
    }

    public Verdict verify(BigInteger n, ProofContext ctx, byte[] joint) {
        Verdict shape = checkModulusShape(n, ctx.level());
        if (!shape.isOk()) return shape;
        if (x.length != ZkParams.M || z.length != ZkParams.M || a.length != ZkParams.M || b.length != ZkParams.M) {
            return Verdict.fail("mod.iterations", "expected " + ZkParams.M + " repetitions, got " + x.length);
        }
        if (!IntegerMath.isUnit(w, n)) return Verdict.fail("mod.w-gcd", "w is not a unit of Z_N");
        if (IntegerMath.jacobi(w, n) != -1) return Verdict.fail("mod.jacobi", "Jacobi symbol of w is not -1");
        BigInteger[] y = challenges(n, w, ctx, joint);
        // The per-element gcd checks below run only when the batched check (IntegerMath.allUnits: one gcd of the
        // product) fails, to name the first offender exactly as before; when it passes, every one of them would pass.
        if (!IntegerMath.allUnits(y, n)) {
            for (int i = 0; i < ZkParams.M; i++) {
                // a challenge sharing a factor with N means N has a factor small enough to be hit at random
                if (!y[i].gcd(n).equals(BigInteger.ONE)) {
                    return Verdict.fail("mod.y-gcd", "challenge shares a factor with N");
                }
            }
        }
        boolean allUnits = IntegerMath.allUnits(z, n) && IntegerMath.allUnits(x, n);
        for (int i = 0; i < ZkParams.M; i++) {
            if (!allUnits && !IntegerMath.isUnit(z[i], n)) {
                return Verdict.fail("mod.z-range", "z_" + i + " not a unit of Z_N");
            }
            if (!allUnits && !IntegerMath.isUnit(x[i], n)) {
                return Verdict.fail("mod.x-range", "x_" + i + " not a unit of Z_N");
            }
            if (!z[i].modPow(n, n).equals(y[i])) return Verdict.fail("mod.nth-root", "z_" + i + "^N != y_" + i);
            BigInteger expected = y[i];
            if (a[i]) expected = expected.negate();
            if (b[i]) expected = expected.multiply(w);
            expected = expected.mod(n);
            if (!x[i].modPow(BigInteger.valueOf(4), n).equals(expected)) {
                return Verdict.fail("mod.fourth-root", "x_" + i + "^4 != (-1)^a w^b y_" + i);
            }
        }
        return Verdict.ok();
    }

    /**
     * Checks on N itself, before any proof equation: odd, exactly the level's size, not prime, not a square. The size
     * is checked before the primality test and is exact, not a minimum: a peer's 8-Mbit modulus would otherwise stall
     * the primality test and every exponentiation modulo it (review finding 3).
     */
    public static Verdict checkModulusShape(BigInteger n, SecurityLevel level) {
        if (n.signum() <= 0 || !n.testBit(0)) return Verdict.fail("mod.n-odd", "N is not odd and positive");
        if (n.bitLength() != level.modulusBits()) {
            return Verdict.fail("mod.n-size", "N has " + n.bitLength() + " bits, the " + level.bits()
                    + "-bit level requires exactly " + level.modulusBits());
        }
        if (n.isProbablePrime(64)) return Verdict.fail("mod.n-prime", "N is prime");
        BigInteger root = n.sqrt();
        if (root.multiply(root).equals(n)) return Verdict.fail("mod.n-square", "N is a perfect square");
        return Verdict.ok();
    }

    static BigInteger[] challenges(BigInteger n, BigInteger w, ProofContext ctx, byte[] joint) {
        Transcript t = Transcript.start(LABEL, ctx).append("joint", joint).append("N", n).append("w", w);
        BigInteger[] y = new BigInteger[ZkParams.M];
        for (int i = 0; i < ZkParams.M; i++) {
            BigInteger c;
            do {
                c = t.challengeBelow("y" + i, n);
            } while (c.signum() == 0);
            y[i] = c;
        }
        return y;
    }

    private static BigInteger crt(BigInteger rp, BigInteger p, BigInteger rq, BigInteger q, BigInteger qInvP) {
        BigInteger h = rp.subtract(rq).multiply(qInvP).mod(p);
        return rq.add(h.multiply(q));
    }

    public void write(WireWriter out) {
        out.big(w).bigs(x).bigs(z);
        for (int i = 0; i < a.length; i++) out.bool(a[i]).bool(b[i]);
    }

    /** Reads any count so that a short proof reaches {@link #verify} and is rejected there by name. */
    public static ModProof read(WireReader in) {
        BigInteger w = in.big();
        BigInteger[] x = in.bigsAnyCount(1024);
        BigInteger[] z = in.bigsAnyCount(1024);
        if (z.length != x.length) throw new io.custody.mpc.ecdsa.wire.MalformedMessageException("x/z count mismatch");
        boolean[] a = new boolean[x.length];
        boolean[] b = new boolean[x.length];
        for (int i = 0; i < x.length; i++) {
            a[i] = in.bool();
            b[i] = in.bool();
        }
        return new ModProof(w, x, a, b, z);
    }
}
