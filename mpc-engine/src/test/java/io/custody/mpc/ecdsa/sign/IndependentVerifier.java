package io.custody.mpc.ecdsa.sign;

import io.custody.mpc.ecdsa.curve.Secp256k1;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

import java.math.BigInteger;
import java.security.SignatureException;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks a signature with tools that share no code with the protocol: BouncyCastle ECDSA and web3j recovery. */
final class IndependentVerifier {

    private IndependentVerifier() {
    }

    static void assertValidEthereumSignature(EcdsaSignature sig, byte[] message, ECPoint expectedKey) {
        ECDSASigner bc = new ECDSASigner();
        bc.init(false, new ECPublicKeyParameters(expectedKey, new ECDomainParameters(Secp256k1.PARAMS)));
        assertThat(bc.verifySignature(sig.digest(), sig.r(), sig.s())).as("BouncyCastle ECDSA verify").isTrue();
        assertThat(sig.s()).as("low-s").isLessThanOrEqualTo(Secp256k1.Q.shiftRight(1));
        Sign.SignatureData data = new Sign.SignatureData((byte) (27 + sig.recoveryId()), to32(sig.r()), to32(sig.s()));
        BigInteger recovered;
        try {
            recovered = Sign.signedMessageToKey(message, data);
        } catch (SignatureException e) {
            throw new AssertionError(e);
        }
        byte[] uncompressed = expectedKey.getEncoded(false);
        BigInteger expected = new BigInteger(1, Arrays.copyOfRange(uncompressed, 1, 65));
        assertThat(recovered).as("web3j recovered key").isEqualTo(expected);
        assertThat(Keys.getAddress(recovered)).isEqualTo(Keys.getAddress(expected));
    }

    static byte[] to32(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, out, 32 - n, n);
        return out;
    }
}
