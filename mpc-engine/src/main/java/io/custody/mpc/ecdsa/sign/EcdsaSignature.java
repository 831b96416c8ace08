package io.custody.mpc.ecdsa.sign;

import org.bouncycastle.math.ec.ECPoint;

import java.math.BigInteger;

/**
 * A verified, low-s ECDSA signature over secp256k1 with its recovery id (0 or 1; 2 and 3 would need r >= q - n,
 * which has negligible probability and is rejected), the digest it signs and the (possibly derived) key it verifies
 * under.
 */
public record EcdsaSignature(BigInteger r, BigInteger s, int recoveryId, byte[] digest, ECPoint publicKey) {
    public EcdsaSignature {
        digest = digest.clone();
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }
}
