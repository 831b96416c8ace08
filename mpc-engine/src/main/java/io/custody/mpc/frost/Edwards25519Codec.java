package io.custody.mpc.frost;

import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECFieldElement;
import org.bouncycastle.math.ec.ECPoint;

import java.math.BigInteger;

/**
 * Maps RFC 8032 edwards25519 encodings to and from BouncyCastle's short-Weierstrass model of the same curve
 * ("curve25519" in {@link CustomNamedCurves}), so that all group arithmetic is BouncyCastle's and only the encoding
 * lives here. The maps are the birational equivalences of RFC 7748 section 4.1 (Edwards to Montgomery) composed with
 * the shift u = X - A/3 (Montgomery to Weierstrass); both are group isomorphisms, see ADR frost-001.
 */
final class Edwards25519Codec {

    static final X9ECParameters PARAMS = CustomNamedCurves.getByName("curve25519");
    static final ECCurve CURVE = PARAMS.getCurve();
    private static final BigInteger P = CURVE.getField().getCharacteristic();
    private static final ECFieldElement ONE = fe(BigInteger.ONE);
    /** Edwards d = -121665/121666. */
    private static final ECFieldElement D = fe(BigInteger.valueOf(-121665).mod(P))
            .multiply(fe(BigInteger.valueOf(121666)).invert());
    /** A/3 for Montgomery A = 486662. */
    private static final ECFieldElement A_THIRD = fe(BigInteger.valueOf(486662)).multiply(fe(BigInteger.valueOf(3)).invert());
    /** sqrt(-486664), the scale factor of RFC 7748's map; the root is chosen so the base points correspond. */
    private static final ECFieldElement SCALE = chooseScale();

    private Edwards25519Codec() {
    }

    private static ECFieldElement fe(BigInteger v) {
        return CURVE.fromBigInteger(v);
    }

    private static ECFieldElement chooseScale() {
        ECFieldElement root = fe(BigInteger.valueOf(-486664).mod(P)).sqrt();
        // RFC 8032 base point: y = 4/5, x even.
        ECFieldElement y = fe(BigInteger.valueOf(4)).multiply(fe(BigInteger.valueOf(5)).invert());
        ECFieldElement x = recoverX(y, false);
        ECPoint g = PARAMS.getG().normalize();
        for (ECFieldElement s : new ECFieldElement[] {root, root.negate()}) {
            ECFieldElement u = ONE.add(y).multiply(ONE.subtract(y).invert());
            ECFieldElement v = s.multiply(u).multiply(x.invert());
            if (u.add(A_THIRD).equals(g.getAffineXCoord()) && v.equals(g.getAffineYCoord())) {
                return s;
            }
        }
        throw new IllegalStateException("BouncyCastle curve25519 generator does not match the Ed25519 base point");
    }

    private static ECFieldElement recoverX(ECFieldElement y, boolean odd) {
        ECFieldElement y2 = y.square();
        ECFieldElement x2 = y2.subtract(ONE).multiply(D.multiply(y2).add(ONE).invert());
        ECFieldElement x = x2.sqrt();
        if (x == null) {
            return null;
        }
        if (x.testBitZero() != odd) {
            x = x.negate();
        }
        return x;
    }

    /** RFC 8032 section 5.1.3 decoding; returns null when the bytes decode to no point. */
    static ECPoint decode(byte[] encoded) {
        if (encoded.length != 32) {
            return null;
        }
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) {
            be[i] = encoded[31 - i];
        }
        boolean odd = (be[0] & 0x80) != 0;
        be[0] &= 0x7f;
        BigInteger yInt = new BigInteger(1, be);
        if (yInt.compareTo(P) >= 0) {
            return null; // non-canonical y
        }
        ECFieldElement y = fe(yInt);
        ECFieldElement x = recoverX(y, odd);
        if (x == null) {
            return null;
        }
        if (x.isZero() && odd) {
            return null; // RFC 8032: x = 0 with the sign bit set is rejected
        }
        return fromEdwards(x, y);
    }

    private static ECPoint fromEdwards(ECFieldElement x, ECFieldElement y) {
        if (x.isZero() && y.isOne()) {
            return CURVE.getInfinity();
        }
        if (x.isZero()) {
            // (0, -1), the point of order two, is Montgomery (0, 0).
            return CURVE.createPoint(A_THIRD.toBigInteger(), BigInteger.ZERO);
        }
        ECFieldElement u = ONE.add(y).multiply(ONE.subtract(y).invert());
        ECFieldElement v = SCALE.multiply(u).multiply(x.invert());
        // createPoint, not validatePoint: BouncyCastle's validation also rejects points outside the prime-order
        // subgroup, and the caller must see such points to reject them with the right reason. The point is on the
        // curve by construction (x was recovered from the curve equation).
        return CURVE.createPoint(u.add(A_THIRD).toBigInteger(), v.toBigInteger());
    }

    static byte[] encode(ECPoint point) {
        ECPoint p = point.normalize();
        ECFieldElement x;
        ECFieldElement y;
        if (p.isInfinity()) {
            x = fe(BigInteger.ZERO);
            y = ONE;
        } else {
            ECFieldElement u = p.getAffineXCoord().subtract(A_THIRD);
            ECFieldElement v = p.getAffineYCoord();
            if (v.isZero()) {
                x = fe(BigInteger.ZERO);
                y = ONE.negate();
            } else {
                y = u.subtract(ONE).multiply(u.add(ONE).invert());
                x = SCALE.multiply(u).multiply(v.invert());
            }
        }
        byte[] be = y.getEncoded();
        byte[] le = new byte[32];
        for (int i = 0; i < 32; i++) {
            le[i] = be[31 - i];
        }
        if (x.testBitZero()) {
            le[31] |= (byte) 0x80;
        }
        return le;
    }
}
