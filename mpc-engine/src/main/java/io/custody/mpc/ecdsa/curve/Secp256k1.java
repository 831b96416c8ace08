package io.custody.mpc.ecdsa.curve;

import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;

import java.math.BigInteger;
import java.security.SecureRandom;

/** secp256k1 from BouncyCastle, with the one decoding path every received point goes through. */
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

    public static ECPoint mulG(BigInteger k) {
        return G.multiply(k.mod(Q)).normalize();
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
