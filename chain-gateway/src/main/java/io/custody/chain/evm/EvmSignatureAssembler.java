package io.custody.chain.evm;

import io.custody.chain.ChainAddress;
import io.custody.chain.ChainException;
import io.custody.chain.ExternalSignature;
import io.custody.chain.SignedTransaction;
import io.custody.chain.TxHash;
import io.custody.chain.UnsignedTransfer;
import java.math.BigInteger;
import java.security.SignatureException;
import java.util.Arrays;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.Sign;
import org.web3j.crypto.SignedRawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.rlp.RlpDecoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.utils.Numeric;

/**
 * Turns an unsigned transaction and an external (r, s, recovery id) into broadcastable bytes, and refuses anything
 * that would not come from the expected sender: out-of-range r or s, a recovery id other than 0/1, a signature that
 * recovers to another key, or an encoding whose y-parity or sender does not survive a decode.
 */
public final class EvmSignatureAssembler {

    static final BigInteger N = Sign.CURVE_PARAMS.getN();
    static final BigInteger HALF_N = N.shiftRight(1);

    private final EvmChain chain;

    public EvmSignatureAssembler(EvmChain chain) {
        this.chain = chain;
    }

    public SignedTransaction assemble(UnsignedTransfer unsigned, ExternalSignature signature) {
        if (!(signature instanceof ExternalSignature.Ecdsa sig)) {
            throw invalidSignature("EVM transactions need a secp256k1 ECDSA signature");
        }
        if (!unsigned.chain().equals(chain.ref())) {
            throw new ChainException(ChainException.Code.INVALID_TRANSACTION, "transaction is for " + unsigned.chain());
        }
        byte[] payload = unsigned.payload();
        RawTransaction raw = EvmTransactionCodec.decodeUnsigned(chain, payload);
        // The digest is recomputed from the payload: a digest supplied alongside it is never trusted.
        byte[] digest = EvmTransactionCodec.digest(payload);
        if (!Arrays.equals(digest, unsigned.signingDigest())) {
            throw new ChainException(ChainException.Code.INVALID_TRANSACTION, "signing digest does not match the payload");
        }

        BigInteger r = sig.r();
        BigInteger s = sig.s();
        int recId = sig.recoveryId();
        if (r.signum() <= 0 || r.compareTo(N) >= 0) {
            throw invalidSignature("r out of range");
        }
        if (s.signum() <= 0 || s.compareTo(N) >= 0) {
            throw invalidSignature("s out of range");
        }
        if (recId != 0 && recId != 1) {
            // Ids 2 and 3 mean R.x >= n, which has negligible probability and which Ethereum's v cannot express.
            throw invalidSignature("recovery id must be 0 or 1, was " + recId);
        }
        // EIP-2: only low-s signatures are valid. (r, n - s) is the same signature with the other y for R.
        if (s.compareTo(HALF_N) > 0) {
            s = N.subtract(s);
            recId ^= 1;
        }

        BigInteger recovered;
        try {
            recovered = Sign.recoverFromSignature(recId, new ECDSASignature(r, s), digest);
        } catch (IllegalArgumentException notAPoint) {
            // r is not the x-coordinate of any curve point: no key can have produced this signature.
            throw invalidSignature("r is not the x-coordinate of a curve point");
        }
        if (recovered == null || !EvmAddresses.same(unsigned.from(), "0x" + Keys.getAddress(recovered))) {
            throw new ChainException(ChainException.Code.SIGNER_MISMATCH,
                    "signature does not recover to " + unsigned.from());
        }

        byte[] signed = encodeSigned(raw, r, s, recId);
        verifyEncoding(signed, payload, recId, unsigned.from());
        return new SignedTransaction(chain.ref(), signed, new TxHash(Numeric.toHexString(Hash.sha3(signed))));
    }

    private byte[] encodeSigned(RawTransaction raw, BigInteger r, BigInteger s, int recId) {
        byte[] r32 = Numeric.toBytesPadded(r, 32);
        byte[] s32 = Numeric.toBytesPadded(s, 32);
        // web3j takes the pre-EIP-155 v (27/28) and writes y-parity for typed transactions itself; for legacy we
        // supply the EIP-155 v = recId + 35 + 2 * chainId.
        Sign.SignatureData base = new Sign.SignatureData((byte) (27 + recId), r32, s32);
        Sign.SignatureData data = chain.eip1559() ? base : TransactionEncoder.createEip155SignatureData(base, chain.chainId());
        return TransactionEncoder.encode(raw, data);
    }

    /** Decodes what we are about to broadcast and checks the y-parity field, the sender and the signed content. */
    private void verifyEncoding(byte[] signed, byte[] payload, int recId, ChainAddress expectedFrom) {
        if (chain.eip1559()) {
            if (signed[0] != 0x02) {
                throw invalidEncoding("typed transaction must start with 0x02");
            }
            RlpList fields = (RlpList) RlpDecoder.decode(Arrays.copyOfRange(signed, 1, signed.length)).getValues().get(0);
            BigInteger yParity = ((RlpString) fields.getValues().get(9)).asPositiveBigInteger();
            if (yParity.intValue() != recId || fields.getValues().size() != 12) {
                throw invalidEncoding("y-parity " + yParity + " does not match recovery id " + recId);
            }
        }
        SignedRawTransaction decoded = (SignedRawTransaction) TransactionDecoder.decode(Numeric.toHexString(signed));
        String from;
        try {
            from = decoded.getFrom();
        } catch (SignatureException e) {
            throw invalidEncoding("sender cannot be recovered from the encoded transaction");
        }
        if (!EvmAddresses.same(expectedFrom, from)) {
            throw new ChainException(ChainException.Code.SIGNER_MISMATCH, "encoded transaction recovers to " + from);
        }
        byte[] reencoded = EvmTransactionCodec.unsignedPayload(chain, EvmTransactionCodec.decodeUnsigned(chain, payload));
        RawTransaction decodedUnsigned = chain.eip1559() ? decoded
                : RawTransaction.createTransaction(decoded.getNonce(), decoded.getGasPrice(), decoded.getGasLimit(),
                decoded.getTo(), decoded.getValue(), decoded.getData());
        if (!Arrays.equals(EvmTransactionCodec.unsignedPayload(chain, decodedUnsigned), reencoded)) {
            throw invalidEncoding("signed transaction content differs from the unsigned payload");
        }
    }

    private static ChainException invalidSignature(String message) {
        return new ChainException(ChainException.Code.INVALID_SIGNATURE, message);
    }

    private static ChainException invalidEncoding(String message) {
        return new ChainException(ChainException.Code.INVALID_TRANSACTION, message);
    }
}
