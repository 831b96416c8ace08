package io.custody.infra.support;

import java.math.BigInteger;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.SHA3Digest;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * Signers' keys as a wallet application holds them, for HTTP tests: they sign exactly the JSON or bytes the API serves,
 * the way MetaMask signs {@code eth_signTypedData_v4} and an Aptos wallet signs a message. Test keys only.
 */
public final class SignerKeys {

    private SignerKeys() {
    }

    public record Evm(ECKeyPair pair, String address) {

        public static Evm of(long seed) {
            ECKeyPair pair = ECKeyPair.create(BigInteger.valueOf(seed).add(BigInteger.TWO.pow(201)));
            return new Evm(pair, "0x" + Keys.getAddress(pair.getPublicKey()));
        }

        public String signTypedData(String typedDataJson) {
            try {
                Sign.SignatureData data = Sign.signTypedData(typedDataJson, pair);
                return "0x" + HexFormat.of().formatHex(data.getR()) + HexFormat.of().formatHex(data.getS())
                        + HexFormat.of().formatHex(data.getV());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String toString() {
            return "Evm[" + address + "]";
        }
    }

    public record Aptos(Ed25519PrivateKeyParameters key, String publicKeyHex, String address) {

        public static Aptos of(int seed) {
            byte[] secret = new byte[32];
            secret[0] = (byte) seed;
            secret[31] = 0x77;
            Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(secret, 0);
            byte[] pub = key.generatePublicKey().getEncoded();
            SHA3Digest sha3 = new SHA3Digest(256);
            sha3.update(pub, 0, pub.length);
            sha3.update((byte) 0x00);
            byte[] auth = new byte[32];
            sha3.doFinal(auth, 0);
            return new Aptos(key, "0x" + HexFormat.of().formatHex(pub), "0x" + HexFormat.of().formatHex(auth));
        }

        String signHex(String messageHex) {
            return sign(messageHex);
        }

        public String sign(String messageHex) {
            byte[] message = HexFormat.of().parseHex(messageHex.substring(2));
            Ed25519Signer signer = new Ed25519Signer();
            signer.init(true, key);
            signer.update(message, 0, message.length);
            return "0x" + HexFormat.of().formatHex(signer.generateSignature());
        }

        @Override
        public String toString() {
            return "Aptos[" + address + "]";
        }
    }
}
