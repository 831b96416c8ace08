package io.custody.chain.evm;

import io.custody.chain.ChainException;
import java.math.BigInteger;
import java.util.Arrays;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.SignedRawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.crypto.Hash;
import org.web3j.crypto.transaction.type.Transaction1559;
import org.web3j.crypto.transaction.type.TransactionType;
import org.web3j.utils.Numeric;

/**
 * The exact bytes that get signed. EIP-1559: {@code 0x02 || rlp([chainId, nonce, tip, maxFee, gas, to, value, data,
 * accessList])}; legacy: the EIP-155 list {@code rlp([nonce, gasPrice, gas, to, value, data, chainId, 0, 0])}.
 * The signing digest is keccak256 of those bytes.
 */
final class EvmTransactionCodec {

    private EvmTransactionCodec() {
    }

    static RawTransaction build(EvmChain chain, BigInteger nonce, BigInteger gasLimit, String to, BigInteger value,
                                String data, FeeQuote fees) {
        if (chain.eip1559()) {
            return RawTransaction.createTransaction(chain.chainId(), nonce, gasLimit, to, value, data,
                    fees.maxPriorityFeePerGas(), fees.maxFeePerGas());
        }
        return RawTransaction.createTransaction(nonce, fees.maxFeePerGas(), gasLimit, to, value, data);
    }

    static byte[] unsignedPayload(EvmChain chain, RawTransaction raw) {
        return chain.eip1559() ? TransactionEncoder.encode(raw) : TransactionEncoder.encode(raw, chain.chainId());
    }

    static byte[] digest(byte[] payload) {
        return Hash.sha3(payload);
    }

    /** Parses a payload back, insisting it is canonical, unsigned and for this chain. */
    static RawTransaction decodeUnsigned(EvmChain chain, byte[] payload) {
        RawTransaction decoded;
        try {
            decoded = TransactionDecoder.decode(Numeric.toHexString(payload));
        } catch (RuntimeException e) {
            throw invalid("payload is not an EVM transaction: " + e.getMessage());
        }
        RawTransaction raw;
        if (chain.eip1559()) {
            if (decoded.getType() != TransactionType.EIP1559 || decoded instanceof SignedRawTransaction
                    || ((Transaction1559) decoded.getTransaction()).getChainId() != chain.chainId()) {
                throw invalid("payload is not an unsigned EIP-1559 transaction for chain " + chain.chainId());
            }
            raw = decoded;
        } else {
            // The EIP-155 signing list decodes as a "signed" legacy transaction with v = chainId and r = s = 0.
            if (decoded.getType() != TransactionType.LEGACY || !(decoded instanceof SignedRawTransaction s)
                    || !Numeric.toBigInt(s.getSignatureData().getV()).equals(BigInteger.valueOf(chain.chainId()))
                    || Numeric.toBigInt(s.getSignatureData().getR()).signum() != 0
                    || Numeric.toBigInt(s.getSignatureData().getS()).signum() != 0) {
                throw invalid("payload is not an EIP-155 signing payload for chain " + chain.chainId());
            }
            raw = RawTransaction.createTransaction(decoded.getNonce(), decoded.getGasPrice(), decoded.getGasLimit(),
                    decoded.getTo(), decoded.getValue(), decoded.getData());
        }
        if (!Arrays.equals(unsignedPayload(chain, raw), payload)) {
            throw invalid("payload is not canonically encoded");
        }
        return raw;
    }

    private static ChainException invalid(String message) {
        return new ChainException(ChainException.Code.INVALID_TRANSACTION, message);
    }
}
