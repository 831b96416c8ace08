package io.custody.chain.aptos;

import io.custody.chain.ChainException;
import io.custody.chain.SignerPublicKey;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** The authenticator appended to a RawTransaction in a SignedTransaction, with its verification. */
public sealed interface TransactionAuthenticator {

    void serialize(Bcs bcs);

    /** Throws unless the signature(s) verify over the given signing message. */
    void verify(byte[] signingMessage);

    AptosAddress authenticationKey();

    /** Variant 0: public key and signature, each as a length-prefixed byte vector. */
    record Ed25519(SignerPublicKey.Ed25519 publicKey, byte[] signature) implements TransactionAuthenticator {
        public Ed25519 {
            if (signature == null || signature.length != 64) {
                throw new ChainException(ChainException.Code.INVALID_SIGNATURE, "Ed25519 signature must be 64 bytes");
            }
            signature = signature.clone();
        }

        @Override
        public void serialize(Bcs bcs) {
            bcs.uleb128(0).bytes(publicKey.encoded()).bytes(signature);
        }

        @Override
        public void verify(byte[] signingMessage) {
            if (!Ed25519Verifier.verify(publicKey, signingMessage, signature)) {
                throw new ChainException(ChainException.Code.INVALID_SIGNATURE, "Ed25519 signature does not verify");
            }
        }

        @Override
        public AptosAddress authenticationKey() {
            return AuthenticationKeys.ed25519(publicKey);
        }
    }

    /**
     * Variant 1: the multi-key and {@code signatures || bitmap}, where the 4-byte bitmap has bit i (counted from the
     * most significant bit of the first byte) set when key i signed, and signatures appear in key order.
     */
    record MultiEd25519(MultiEd25519PublicKey publicKey, SortedMap<Integer, byte[]> signaturesByKeyIndex)
            implements TransactionAuthenticator {

        public MultiEd25519 {
            TreeMap<Integer, byte[]> copy = new TreeMap<>();
            signaturesByKeyIndex.forEach((i, s) -> {
                if (i < 0 || i >= publicKey.keys().size()) {
                    throw new ChainException(ChainException.Code.INVALID_SIGNATURE, "no key at index " + i);
                }
                if (s.length != 64) {
                    throw new ChainException(ChainException.Code.INVALID_SIGNATURE, "Ed25519 signature must be 64 bytes");
                }
                copy.put(i, s.clone());
            });
            signaturesByKeyIndex = copy;
        }

        public byte[] bitmap() {
            byte[] bitmap = new byte[4];
            for (int i : signaturesByKeyIndex.keySet()) {
                bitmap[i / 8] |= (byte) (0x80 >>> (i % 8));
            }
            return bitmap;
        }

        public byte[] signatureBytes() {
            Bcs b = new Bcs();
            signaturesByKeyIndex.values().forEach(b::fixed);
            return b.fixed(bitmap()).toByteArray();
        }

        @Override
        public void serialize(Bcs bcs) {
            bcs.uleb128(1).bytes(publicKey.bytes()).bytes(signatureBytes());
        }

        @Override
        public void verify(byte[] signingMessage) {
            if (signaturesByKeyIndex.size() < publicKey.threshold()) {
                throw new ChainException(ChainException.Code.INVALID_SIGNATURE,
                        signaturesByKeyIndex.size() + " signatures, threshold is " + publicKey.threshold());
            }
            List<SignerPublicKey.Ed25519> keys = publicKey.keys();
            signaturesByKeyIndex.forEach((i, s) -> {
                if (!Ed25519Verifier.verify(keys.get(i), signingMessage, s)) {
                    throw new ChainException(ChainException.Code.INVALID_SIGNATURE, "signature of key " + i + " does not verify");
                }
            });
        }

        @Override
        public AptosAddress authenticationKey() {
            return AuthenticationKeys.multiEd25519(publicKey);
        }
    }
}
