package io.custody.chain.evm;

import io.custody.chain.ExternalSignature;
import io.custody.chain.SignerPublicKey;
import java.math.BigInteger;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * Stands in for the MPC engine in tests: it holds a whole local key (which the real engine never does) and answers
 * only with (r, s, recovery id) over a digest, exactly the interface the gateway gets from the engine.
 */
final class LocalTestSigner {

    private final ECKeyPair key;

    LocalTestSigner(ECKeyPair key) {
        this.key = key;
    }

    static LocalTestSigner random() {
        try {
            return new LocalTestSigner(Keys.createEcKeyPair());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static LocalTestSigner fromPrivateKey(String hex) {
        return new LocalTestSigner(ECKeyPair.create(Numeric.toBigInt(hex)));
    }

    SignerPublicKey publicKey() {
        byte[] xy = Numeric.toBytesPadded(key.getPublicKey(), 64);
        byte[] sec1 = new byte[65];
        sec1[0] = 0x04;
        System.arraycopy(xy, 0, sec1, 1, 64);
        return new SignerPublicKey.Secp256k1(sec1);
    }

    ExternalSignature.Ecdsa sign(byte[] digest) {
        Sign.SignatureData sd = Sign.signMessage(digest, key, false);
        return new ExternalSignature.Ecdsa(new BigInteger(1, sd.getR()), new BigInteger(1, sd.getS()), sd.getV()[0] - 27);
    }

    @Override
    public String toString() {
        return "LocalTestSigner[key hidden]";
    }
}
