package io.custody.command.withdrawal;

import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.SignerAddress;
import io.custody.api.withdrawal.Decision;
import io.custody.api.withdrawal.ProposalRequestPayload;
import io.custody.api.withdrawal.ProposalSigningPayload;
import io.custody.api.withdrawal.SignerSignature;
import io.custody.command.withdrawal.signature.Ed25519Signatures;
import java.math.BigInteger;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/** Fixed test keys of signers, and the signatures a real wallet would make with them. Never used outside tests. */
public final class TestKeys {

    /** An EVM signer: a secp256k1 key pair and its address. */
    public record EvmKey(ECKeyPair pair, SignerAddress address) {

        public static EvmKey of(long privateKey) {
            ECKeyPair pair = ECKeyPair.create(BigInteger.valueOf(privateKey).add(BigInteger.TWO.pow(200)));
            return new EvmKey(pair, new SignerAddress(ChainFamily.EVM, "0x" + Keys.getAddress(pair.getPublicKey())));
        }

        public SignerSignature sign(ProposalSigningPayload payload, Decision decision) {
            return signTypedData(payload.eip712Json(decision));
        }

        public SignerSignature signRequest(ProposalRequestPayload request) {
            return signTypedData(request.eip712Json());
        }

        /** A decision on a policy change (ADR identity-020). */
        public SignerSignature sign(io.custody.api.governance.PolicyChangeSigningPayload payload,
                                    io.custody.api.governance.PolicyDecision decision) {
            return signTypedData(payload.eip712Json(decision));
        }

        private SignerSignature signTypedData(String json) {
            try {
                Sign.SignatureData data = Sign.signTypedData(json, pair);
                byte[] bytes = new byte[65];
                System.arraycopy(data.getR(), 0, bytes, 0, 32);
                System.arraycopy(data.getS(), 0, bytes, 32, 32);
                bytes[64] = data.getV()[0];
                return new SignerSignature("0x" + HexFormat.of().formatHex(bytes), null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String toString() {
            return "EvmKey[" + address + "]";
        }
    }

    /** An Aptos signer: an Ed25519 key pair and its single-key account address. */
    public record AptosKey(Ed25519PrivateKeyParameters privateKey, byte[] publicKey, SignerAddress address) {

        public static AptosKey of(int seed) {
            byte[] secret = new byte[32];
            secret[0] = (byte) seed;
            secret[31] = (byte) 0x5a;
            Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(secret, 0);
            byte[] pub = key.generatePublicKey().getEncoded();
            return new AptosKey(key, pub, new SignerAddress(ChainFamily.APTOS, Ed25519Signatures.aptosAddress(pub)));
        }

        public SignerSignature sign(ProposalSigningPayload payload, Decision decision) {
            return new SignerSignature("0x" + HexFormat.of().formatHex(rawSign(payload.ed25519Message(decision))),
                    "0x" + HexFormat.of().formatHex(publicKey));
        }

        public SignerSignature signRequest(ProposalRequestPayload request) {
            return new SignerSignature("0x" + HexFormat.of().formatHex(rawSign(request.ed25519Message())),
                    "0x" + HexFormat.of().formatHex(publicKey));
        }

        /** A decision on a policy change (ADR identity-020). */
        public SignerSignature sign(io.custody.api.governance.PolicyChangeSigningPayload payload,
                                    io.custody.api.governance.PolicyDecision decision) {
            return new SignerSignature("0x" + HexFormat.of().formatHex(rawSign(payload.ed25519Message(decision))),
                    "0x" + HexFormat.of().formatHex(publicKey));
        }

        public byte[] rawSign(byte[] message) {
            Ed25519Signer signer = new Ed25519Signer();
            signer.init(true, privateKey);
            signer.update(message, 0, message.length);
            return signer.generateSignature();
        }

        @Override
        public String toString() {
            return "AptosKey[" + address + "]";
        }
    }

    private TestKeys() {
    }
}
