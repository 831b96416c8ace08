package io.custody.mpc.ecdsa.curve;

import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * secp256k1 from BouncyCastle, with the one decoding path every received point goes through, and the one way the
 * engine multiplies a point by a scalar that may be secret ({@link #mulG}, {@link #mulSecret}).
 *
 * <p>Scalar multiplication uses BouncyCastle's fixed-point comb ({@link FixedPointCombMultiplier}, the multiplier
 * FROST uses for its secret scalars: a fixed sequence of doublings and additions whose table lookups read every entry),
 * instead of the curve's default GLV/wNAF multiplier, whose digit pattern and table accesses depend on the scalar. On
 * top of it the scalar is blinded by a random split k = r + (k - r) mod q with a fresh r: each of the two comb runs
 * sees a uniformly random scalar, so repeated multiplications by one secret (a key share, a nonce) never run the
 * same digit sequence twice. What the JVM still cannot promise is in docs/adr/ecdsa-002.
 */
public final class Secp256k1 {

    public static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256k1");
    public static final BigInteger Q = PARAMS.getN();
    public static final ECPoint G = PARAMS.getG();

    private Secp256k1() {
    }

    /** Compressed SEC1 encoding (33 bytes); the identity is never encoded. */
    public static byte[] encode(ECPoint p) {
        if (p.isInfinity()) throw new IllegalArgumentException("the identity has no encoding here");
        return p.getEncoded(true);
    }

    /**
     * Decodes a received point, accepting only a 33-byte compressed encoding of a valid non-identity point on the
     * curve; anything else is {@link InvalidPointException}, which callers turn into an abort naming the sender.
     */
    public static ECPoint decode(byte[] encoded) {
        if (encoded == null || encoded.length != 33 || (encoded[0] != 2 && encoded[0] != 3)) {
            throw new InvalidPointException("not a 33-byte compressed point");
        }
        ECPoint p;
        try {
            p = PARAMS.getCurve().decodePoint(encoded).normalize();
        } catch (RuntimeException e) {
            throw new InvalidPointException("not on secp256k1");
        }
        if (p.isInfinity() || !p.isValid()) throw new InvalidPointException("not a valid point of secp256k1");
        return p;
    }

    private static final FixedPointCombMultiplier COMB = new FixedPointCombMultiplier();
    /** Blinding randomness only: its output never becomes a secret or a public value. */
    private static final SecureRandom BLINDING = new SecureRandom();

    /** k G with the blinded comb: for any scalar, secret or public (the comb for G is precomputed once). */
    public static ECPoint mulG(BigInteger k) {
        return mulSecret(G, k);
    }

    /**
     * k P for a secret k (or a secret-dependent P) with the blinded comb. The comb table of P is built on first use
     * and cached on the point object, so several secrets times one point (Delta_i and S_i on Gamma) build it once.
     */
    public static ECPoint mulSecret(ECPoint base, BigInteger k) {
        BigInteger s = k.mod(Q);
        BigInteger r = randomScalar(BLINDING);
        BigInteger rest = s.subtract(r).mod(Q);
        return COMB.multiply(base, r).add(COMB.multiply(base, rest)).normalize();
    }

    public static BigInteger randomScalar(SecureRandom random) {
        while (true) {
            BigInteger k = new BigInteger(256, random);
            if (k.signum() > 0 && k.compareTo(Q) < 0) return k;
        }
    }

    /** Thrown for any received point that fails validation. */
    public static final class InvalidPointException extends RuntimeException {
        public InvalidPointException(String message) {
            super(message);
        }
    }
}
