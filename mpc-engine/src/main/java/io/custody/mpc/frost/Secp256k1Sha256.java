package io.custody.mpc.frost;

import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/** FROST(secp256k1, SHA-256), RFC 9591 section 6.5: SEC1 compressed points, big-endian scalars, RFC 9380 hashing. */
public final class Secp256k1Sha256 implements Ciphersuite {

    public static final Secp256k1Sha256 INSTANCE = new Secp256k1Sha256();
    private static final String CONTEXT = "FROST-secp256k1-SHA256-v1";
    private static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256k1");
    private static final BigInteger N = PARAMS.getN();
    private static final FixedPointCombMultiplier BASE = new FixedPointCombMultiplier();

    private Secp256k1Sha256() {
    }

    @Override
    public String contextString() {
        return CONTEXT;
    }

    @Override
    public String protocolName() {
        return "frost-secp256k1-sha256/1";
    }

    @Override
    public BigInteger order() {
        return N;
    }

    @Override
    public ECPoint generator() {
        return PARAMS.getG();
    }

    @Override
    public ECPoint identity() {
        return PARAMS.getCurve().getInfinity();
    }

    @Override
    public ECPoint multiplyBase(BigInteger k) {
        return BASE.multiply(generator(), k.mod(N)).normalize();
    }

    @Override
    public int elementLength() {
        return 33;
    }

    @Override
    public int scalarLength() {
        return 32;
    }

    @Override
    public byte[] serializeElement(ECPoint p) {
        if (p.isInfinity()) {
            throw new EncodingException("the identity element has no encoding");
        }
        return p.getEncoded(true);
    }

    @Override
    public ECPoint deserializeElement(byte[] encoded) {
        if (encoded.length != 33 || (encoded[0] != 2 && encoded[0] != 3)) {
            throw new EncodingException("not a compressed SEC1 point");
        }
        try {
            // decodePoint rejects x >= p and x with no square root; the curve has cofactor 1.
            ECPoint p = PARAMS.getCurve().decodePoint(encoded);
            if (p.isInfinity()) {
                throw new EncodingException("identity element");
            }
            return p.normalize();
        } catch (IllegalArgumentException e) {
            throw new EncodingException("not a point on secp256k1");
        }
    }

    @Override
    public byte[] serializeScalar(BigInteger s) {
        return Ed25519Sha512.toFixed(s.mod(N), 32);
    }

    @Override
    public BigInteger deserializeScalar(byte[] encoded) {
        if (encoded.length != 32) {
            throw new EncodingException("scalar must be 32 bytes");
        }
        BigInteger s = new BigInteger(1, encoded);
        if (s.compareTo(N) >= 0) {
            throw new EncodingException("scalar not reduced modulo the group order");
        }
        return s;
    }

    private static byte[] dst(String tag) {
        return (CONTEXT + tag).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public BigInteger h1(byte[] m) {
        return ExpandMessageXmd.hashToField(m, dst("rho"), N, 48);
    }

    @Override
    public BigInteger h2(byte[] m) {
        return ExpandMessageXmd.hashToField(m, dst("chal"), N, 48);
    }

    @Override
    public BigInteger h3(byte[] m) {
        return ExpandMessageXmd.hashToField(m, dst("nonce"), N, 48);
    }

    @Override
    public byte[] h4(byte[] m) {
        return sha256(dst("msg"), m);
    }

    @Override
    public byte[] h5(byte[] m) {
        return sha256(dst("com"), m);
    }

    @Override
    public BigInteger hDkg(byte[] m) {
        return ExpandMessageXmd.hashToField(m, dst("dkg"), N, 48);
    }

    private static byte[] sha256(byte[]... parts) {
        SHA256Digest d = new SHA256Digest();
        for (byte[] p : parts) {
            d.update(p, 0, p.length);
        }
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }

    @Override
    public String toString() {
        return "FROST(secp256k1, SHA-256)";
    }
}
