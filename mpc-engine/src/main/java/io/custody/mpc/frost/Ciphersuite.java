package io.custody.mpc.frost;

import org.bouncycastle.math.ec.ECPoint;

import java.math.BigInteger;

/**
 * A FROST ciphersuite as RFC 9591 section 6 defines it: a prime-order group with its canonical encodings, and the
 * hash functions H1..H5. Group arithmetic is BouncyCastle's; this interface only fixes how bytes map to group
 * elements and scalars, so the protocol code above it is the same for every suite.
 */
public interface Ciphersuite {

    /** RFC 9591 contextString, e.g. {@code FROST-ED25519-SHA512-v1}. */
    String contextString();

    /** Protocol name used on the wire and in the node's registry, e.g. {@code frost-ed25519-sha512/1}. */
    String protocolName();

    BigInteger order();

    ECPoint generator();

    ECPoint identity();

    /** {@code G * k} with a fixed-base comb, used for every secret scalar (nonces, shares, coefficients). */
    ECPoint multiplyBase(BigInteger k);

    int elementLength();

    int scalarLength();

    /** Canonical encoding; the identity element has none (RFC 9591 section 3.1). */
    byte[] serializeElement(ECPoint p);

    /** Decodes and validates: canonical, on the curve, in the prime-order subgroup, not the identity. */
    ECPoint deserializeElement(byte[] encoded);

    /**
     * Decodes an element read back from the node's own authenticated (AES-GCM) share storage, where it was validated
     * before it was written. Suites may skip checks that cost a scalar multiplication here; canonical encoding and
     * curve membership are still enforced. Never use for bytes received from another party.
     */
    default ECPoint deserializeStoredElement(byte[] encoded) {
        return deserializeElement(encoded);
    }

    byte[] serializeScalar(BigInteger s);

    /** Decodes a scalar and rejects values that are not reduced modulo the group order. */
    BigInteger deserializeScalar(byte[] encoded);

    BigInteger h1(byte[] m);

    BigInteger h2(byte[] m);

    BigInteger h3(byte[] m);

    byte[] h4(byte[] m);

    byte[] h5(byte[] m);

    /** Hash to scalar for the key-generation proof of knowledge, domain-separated from H1..H5 by the tag "dkg". */
    BigInteger hDkg(byte[] m);

    default BigInteger randomScalar(java.security.SecureRandom random) {
        byte[] wide = new byte[scalarLength() + 16];
        try {
            BigInteger k;
            do {
                random.nextBytes(wide);
                // 128 extra bits make the modular reduction bias negligible.
                k = new BigInteger(1, wide).mod(order());
            } while (k.signum() == 0);
            return k;
        } finally {
            java.util.Arrays.fill(wide, (byte) 0);
        }
    }

    default byte[] serializeSignature(FrostSignature signature) {
        byte[] r = serializeElement(signature.commitment());
        byte[] z = serializeScalar(signature.response());
        byte[] out = new byte[r.length + z.length];
        System.arraycopy(r, 0, out, 0, r.length);
        System.arraycopy(z, 0, out, r.length, z.length);
        return out;
    }

    /** {@code z*G == R + c*PK} with c = H2(R || PK || msg), the prime-order-group check of RFC 9591 section 6. */
    default boolean verify(ECPoint groupPublicKey, byte[] message, FrostSignature signature) {
        BigInteger c = h2(FrostSigning.concat(serializeElement(signature.commitment()),
                serializeElement(groupPublicKey), message));
        ECPoint left = multiplyBase(signature.response());
        ECPoint right = signature.commitment().add(groupPublicKey.multiply(c)).normalize();
        return left.normalize().equals(right);
    }
}
