package io.custody.mpc.node;

import io.custody.mpc.ecdsa.bip32.Bip32;
import io.custody.mpc.ecdsa.curve.Secp256k1;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;

import java.math.BigInteger;

/**
 * The coordinator's own check of a threshold ECDSA signature before it reaches a saga: the request is decoded from the
 * session message, the message hashed with the requested digest, the signing key derived from the joint key and chain
 * code along the requested path; then BouncyCastle's ECDSA verifies (r, s) under that key, s must be low, and the
 * recovery id v must recover exactly that key (a wrong v would make Ethereum recover another address).
 */
final class EcdsaSignatureCheck implements SignatureCheck {

    private static final ECDomainParameters DOMAIN = new ECDomainParameters(Secp256k1.PARAMS);

    @Override
    public boolean verifies(byte[] groupPublicKey, byte[] message, byte[] signature) {
        try {
            EcdsaPublicKey root = EcdsaPublicKey.decode(groupPublicKey);
            EcdsaSignRequest request = EcdsaSignRequest.decode(message);
            RecoverableSignature sig = RecoverableSignature.decode(signature);
            ECPoint key = Bip32.derive(root.point(), root.chainCode(), request.path()).publicKey();
            byte[] digest = request.digest().digest(request.message());
            if (sig.s().compareTo(Secp256k1.Q.shiftRight(1)) > 0) return false;
            ECDSASigner verifier = new ECDSASigner();
            verifier.init(false, new ECPublicKeyParameters(key, DOMAIN));
            if (!verifier.verifySignature(digest, sig.r(), sig.s())) return false;
            return key.equals(recover(sig, digest));
        } catch (IllegalArgumentException | Secp256k1.InvalidPointException malformed) {
            return false;
        }
    }

    /** Q = r^-1 (s R - e G), R the curve point with x = r and the y parity v (SEC 1 section 4.1.6). */
    private static ECPoint recover(RecoverableSignature sig, byte[] digest) {
        byte[] compressed = new byte[33];
        compressed[0] = (byte) (sig.v() == 0 ? 2 : 3);
        System.arraycopy(sig.r32(), 0, compressed, 1, 32);
        ECPoint bigR = Secp256k1.decode(compressed);
        BigInteger e = new BigInteger(1, digest).mod(Secp256k1.Q);
        BigInteger rInv = sig.r().modInverse(Secp256k1.Q);
        BigInteger u1 = Secp256k1.Q.subtract(e).multiply(rInv).mod(Secp256k1.Q);
        BigInteger u2 = sig.s().multiply(rInv).mod(Secp256k1.Q);
        return ECAlgorithms.sumOfTwoMultiplies(Secp256k1.G, u1, bigR, u2).normalize();
    }
}
