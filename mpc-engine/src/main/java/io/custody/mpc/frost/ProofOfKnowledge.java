package io.custody.mpc.frost;

import org.bouncycastle.math.ec.ECPoint;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * The Schnorr proof of knowledge of a DKG participant's constant term a_i0 (FROST paper, KeyGen round 1 step 2):
 * sigma_i = (R_i, mu_i) with c_i = H(i, Phi, g^{a_i0}, R_i) and mu_i = k + a_i0 * c_i. It stops a rogue-key attack,
 * in which a party picks its commitment after seeing the others' to control the group key.
 *
 * @param commitment R_i
 * @param response   mu_i
 */
public record ProofOfKnowledge(ECPoint commitment, BigInteger response) {

    static ProofOfKnowledge prove(Ciphersuite cs, int identifier, byte[] context, BigInteger secret, ECPoint publicPoint,
                                  SecureRandom random) {
        BigInteger k = cs.randomScalar(random);
        ECPoint r = cs.multiplyBase(k);
        BigInteger c = challenge(cs, identifier, context, publicPoint, r);
        return new ProofOfKnowledge(r, k.add(secret.multiply(c)).mod(cs.order()));
    }

    /** Accepts iff R_i == g^{mu_i} * phi_i0^{-c_i}. */
    boolean verifies(Ciphersuite cs, int identifier, byte[] context, ECPoint publicPoint) {
        BigInteger c = challenge(cs, identifier, context, publicPoint, commitment);
        ECPoint expected = cs.multiplyBase(response).subtract(publicPoint.multiply(c)).normalize();
        return !expected.isInfinity() && expected.equals(commitment.normalize());
    }

    private static BigInteger challenge(Ciphersuite cs, int identifier, byte[] context, ECPoint publicPoint, ECPoint r) {
        return cs.hDkg(FrostSigning.concat(cs.serializeScalar(BigInteger.valueOf(identifier)), context,
                cs.serializeElement(publicPoint), cs.serializeElement(r)));
    }
}
