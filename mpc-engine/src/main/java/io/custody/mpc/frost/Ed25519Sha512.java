package io.custody.mpc.frost;

import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * FROST(Ed25519, SHA-512), RFC 9591 section 6.1. Signatures it produces are plain RFC 8032 Ed25519 signatures:
 * H2 carries no context string so that the challenge is exactly Ed25519's.
 */
public final class Ed25519Sha512 implements Ciphersuite {

    public static final Ed25519Sha512 INSTANCE = new Ed25519Sha512();
    private static final String CONTEXT = "FROST-ED25519-SHA512-v1";
    private static final byte[] CONTEXT_BYTES = CONTEXT.getBytes(StandardCharsets.US_ASCII);
    private static final BigInteger L = Edwards25519Codec.PARAMS.getN();
    private static final FixedPointCombMultiplier BASE = new FixedPointCombMultiplier();

    private Ed25519Sha512() {
    }

    @Override
    public String contextString() {
        return CONTEXT;
    }

    @Override
    public String protocolName() {
        return "frost-ed25519-sha512/1";
    }

    @Override
    public BigInteger order() {
        return L;
    }

    @Override
    public ECPoint generator() {
        return Edwards25519Codec.PARAMS.getG();
    }

    @Override
    public ECPoint identity() {
        return Edwards25519Codec.CURVE.getInfinity();
    }

    @Override
    public ECPoint multiplyBase(BigInteger k) {
        return BASE.multiply(generator(), k.mod(L)).normalize();
    }

    @Override
    public int elementLength() {
        return 32;
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
        return Edwards25519Codec.encode(p);
    }

    @Override
    public ECPoint deserializeElement(byte[] encoded) {
        ECPoint p = Edwards25519Codec.decode(encoded);
        if (p == null) {
            throw new EncodingException("not a canonical edwards25519 point encoding");
        }
        if (p.isInfinity()) {
            throw new EncodingException("identity element");
        }
        // Small-order and mixed-order points would let a party bias the group commitment (RFC 9591 section 6.1).
        // BouncyCastle's full public-key validation checks [L]P = O on its Edwards arithmetic, about three times
        // cheaper than the same multiplication on the Weierstrass model.
        if (!org.bouncycastle.math.ec.rfc8032.Ed25519.validatePublicKeyFull(encoded, 0)) {
            throw new EncodingException("point outside the prime-order subgroup");
        }
        return p;
    }

    @Override
    public ECPoint deserializeStoredElement(byte[] encoded) {
        ECPoint p = Edwards25519Codec.decode(encoded);
        if (p == null || p.isInfinity()) {
            throw new EncodingException("stored element is not a canonical non-identity edwards25519 point");
        }
        return p;
    }

    @Override
    public byte[] serializeScalar(BigInteger s) {
        byte[] be = toFixed(s.mod(L), 32);
        byte[] le = new byte[32];
        for (int i = 0; i < 32; i++) {
            le[i] = be[31 - i];
        }
        return le;
    }

    @Override
    public BigInteger deserializeScalar(byte[] encoded) {
        if (encoded.length != 32) {
            throw new EncodingException("scalar must be 32 bytes");
        }
        BigInteger s = littleEndian(encoded);
        if (s.compareTo(L) >= 0) {
            throw new EncodingException("scalar not reduced modulo the group order");
        }
        return s;
    }

    @Override
    public BigInteger h1(byte[] m) {
        return littleEndian(sha512(CONTEXT_BYTES, ascii("rho"), m)).mod(L);
    }

    @Override
    public BigInteger h2(byte[] m) {
        return littleEndian(sha512(m)).mod(L);
    }

    @Override
    public BigInteger h3(byte[] m) {
        return littleEndian(sha512(CONTEXT_BYTES, ascii("nonce"), m)).mod(L);
    }

    @Override
    public byte[] h4(byte[] m) {
        return sha512(CONTEXT_BYTES, ascii("msg"), m);
    }

    @Override
    public byte[] h5(byte[] m) {
        return sha512(CONTEXT_BYTES, ascii("com"), m);
    }

    @Override
    public BigInteger hDkg(byte[] m) {
        return littleEndian(sha512(CONTEXT_BYTES, ascii("dkg"), m)).mod(L);
    }

    /**
     * Verifies with BouncyCastle's RFC 8032 Ed25519 verifier, independent of the FROST code, so a signature leaves a
     * signer only if a standard Ed25519 implementation (what an Aptos node runs) accepts it.
     */
    @Override
    public boolean verify(ECPoint groupPublicKey, byte[] message, FrostSignature signature) {
        byte[] sig = serializeSignature(signature);
        byte[] pk = serializeElement(groupPublicKey);
        return org.bouncycastle.math.ec.rfc8032.Ed25519.verify(sig, 0, pk, 0, message, 0, message.length);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] sha512(byte[]... parts) {
        SHA512Digest d = new SHA512Digest();
        for (byte[] p : parts) {
            d.update(p, 0, p.length);
        }
        byte[] out = new byte[64];
        d.doFinal(out, 0);
        return out;
    }

    static BigInteger littleEndian(byte[] le) {
        byte[] be = new byte[le.length];
        for (int i = 0; i < le.length; i++) {
            be[i] = le[le.length - 1 - i];
        }
        return new BigInteger(1, be);
    }

    static byte[] toFixed(BigInteger v, int len) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[len];
        int copy = Math.min(raw.length, len);
        System.arraycopy(raw, raw.length - copy, out, len - copy, copy);
        return out;
    }

    @Override
    public String toString() {
        return "FROST(Ed25519, SHA-512)";
    }
}
