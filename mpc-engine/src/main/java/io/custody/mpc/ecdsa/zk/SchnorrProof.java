package io.custody.mpc.ecdsa.zk;

import io.custody.mpc.ecdsa.curve.Secp256k1;
import io.custody.mpc.ecdsa.wire.WireReader;
import io.custody.mpc.ecdsa.wire.WireWriter;
import io.custody.mpc.transcript.ProofContext;
import io.custody.mpc.transcript.Transcript;
import org.bouncycastle.math.ec.ECPoint;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * Pi^sch: knowledge of x with X = x G, made non-interactive over the shared transcript. In key generation it stops a
 * party from choosing its constant term as a function of the others' (rogue-key attack).
 */
public record SchnorrProof(ECPoint a, BigInteger z) {

    private static final String LABEL = "schnorr-pok/secp256k1";

    public static SchnorrProof prove(BigInteger x, ECPoint bigX, ProofContext ctx, SecureRandom random) {
        BigInteger alpha = Secp256k1.randomScalar(random);
        ECPoint bigA = Secp256k1.mulG(alpha);
        BigInteger e = challenge(bigX, bigA, ctx);
        return new SchnorrProof(bigA, alpha.add(e.multiply(x)).mod(Secp256k1.Q));
    }

    public Verdict verify(ECPoint bigX, ProofContext ctx) {
        if (z.signum() < 0 || z.compareTo(Secp256k1.Q) >= 0) return Verdict.fail("schnorr.z-range", "z not in Z_q");
        BigInteger e = challenge(bigX, a, ctx);
        if (!Secp256k1.mulG(z).equals(a.add(bigX.multiply(e)).normalize())) {
            return Verdict.fail("schnorr.equation", "z G != A + e X");
        }
        return Verdict.ok();
    }

    private static BigInteger challenge(ECPoint bigX, ECPoint bigA, ProofContext ctx) {
        return Transcript.start(LABEL, ctx).append("X", Secp256k1.encode(bigX)).append("A", Secp256k1.encode(bigA))
                .challengeBelow("e", Secp256k1.Q);
    }

    public void write(WireWriter out) {
        out.point(a).big(z);
    }

    public static SchnorrProof read(WireReader in) {
        return new SchnorrProof(in.point(), in.big());
    }
}
