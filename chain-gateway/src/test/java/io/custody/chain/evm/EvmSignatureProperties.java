package io.custody.chain.evm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custody.chain.ChainException;
import io.custody.chain.ExternalSignature;
import io.custody.chain.SignedTransaction;
import io.custody.chain.UnsignedTransfer;
import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.SignedRawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.utils.Numeric;

class EvmSignatureProperties {

    static UnsignedTransfer transfer(EvmChain chain, LocalTestSigner signer, long nonce, long value, long maxFeeGwei) {
        BigInteger maxFee = BigInteger.valueOf(maxFeeGwei).multiply(BigInteger.TEN.pow(9));
        RawTransaction raw = EvmTransactionCodec.build(chain, BigInteger.valueOf(nonce), BigInteger.valueOf(21_000),
                "0x1111111111111111111111111111111111111111", BigInteger.valueOf(value), "0x",
                new FeeQuote(maxFee, maxFee.divide(BigInteger.TWO)));
        byte[] payload = EvmTransactionCodec.unsignedPayload(chain, raw);
        return new UnsignedTransfer(chain.ref(), EvmAddresses.fromPublicKey(signer.publicKey()), nonce, payload,
                EvmTransactionCodec.digest(payload));
    }

    @Property(tries = 60)
    void any_honest_signature_assembles_into_a_transaction_that_decodes_to_the_same_sender_and_fields(
            @ForAll @LongRange(min = 0, max = 1_000_000) long nonce, @ForAll @LongRange(min = 0) long value,
            @ForAll @LongRange(min = 1, max = 10_000) long maxFeeGwei, @ForAll boolean legacy) throws Exception {
        EvmChain chain = legacy ? EvmChain.BSC : EvmChain.BASE;
        LocalTestSigner signer = LocalTestSigner.random();
        UnsignedTransfer u = transfer(chain, signer, nonce, value, maxFeeGwei);

        SignedTransaction signed = new EvmSignatureAssembler(chain).assemble(u, signer.sign(u.signingDigest()));

        SignedRawTransaction decoded = (SignedRawTransaction) TransactionDecoder.decode(Numeric.toHexString(signed.raw()));
        assertThat(EvmAddresses.same(u.from(), decoded.getFrom())).isTrue();
        assertThat(decoded.getNonce()).isEqualTo(BigInteger.valueOf(nonce));
        assertThat(decoded.getValue()).isEqualTo(BigInteger.valueOf(value));
        long chainId = decoded.getTransaction() instanceof org.web3j.crypto.transaction.type.Transaction1559 t
                ? t.getChainId() : decoded.getChainId();
        assertThat(chainId).isEqualTo(chain.chainId());
    }

    @Property(tries = 60)
    void flipping_any_bit_of_r_or_s_is_never_accepted(@ForAll @IntRange(min = 0, max = 255) int bit, @ForAll boolean inR) {
        LocalTestSigner signer = LocalTestSigner.random();
        UnsignedTransfer u = transfer(EvmChain.LOCAL, signer, 1, 1, 10);
        ExternalSignature.Ecdsa sig = signer.sign(u.signingDigest());
        ExternalSignature.Ecdsa forged = inR
                ? new ExternalSignature.Ecdsa(sig.r().flipBit(bit), sig.s(), sig.recoveryId())
                : new ExternalSignature.Ecdsa(sig.r(), sig.s().flipBit(bit), sig.recoveryId());
        assertThatThrownBy(() -> new EvmSignatureAssembler(EvmChain.LOCAL).assemble(u, forged))
                .isInstanceOf(ChainException.class);
    }
}
