package io.custody.chain.evm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custody.chain.ChainAddress;
import io.custody.chain.ChainException;
import io.custody.chain.ExternalSignature;
import io.custody.chain.SignedTransaction;
import io.custody.chain.UnsignedTransfer;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.SignedRawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.utils.Numeric;

class EvmSignatureAssemblerTest {

    static final EvmChain MAINNET_LEGACY = EvmChain.ETHEREUM.legacy();
    static final BigInteger N = EvmSignatureAssembler.N;

    // The worked example in the EIP-155 specification.
    static final String EIP155_KEY = "0x4646464646464646464646464646464646464646464646464646464646464646";
    static final String EIP155_SIGNING_DATA = "0xec098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a764000080018080";
    static final String EIP155_SIGNING_HASH = "0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53";
    static final BigInteger EIP155_R = new BigInteger("18515461264373351373200002665853028612451056578545711640558177340181847433846");
    static final BigInteger EIP155_S = new BigInteger("46948507304638947509940763649030358759909902576025900602547168820602576006531");
    static final String EIP155_SIGNED = "0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83";

    static UnsignedTransfer eip155Example() {
        RawTransaction raw = RawTransaction.createEtherTransaction(BigInteger.valueOf(9), BigInteger.valueOf(20_000_000_000L),
                BigInteger.valueOf(21_000), "0x3535353535353535353535353535353535353535", BigInteger.TEN.pow(18));
        byte[] payload = EvmTransactionCodec.unsignedPayload(MAINNET_LEGACY, raw);
        ChainAddress from = EvmAddresses.checksummed(Credentials.create(EIP155_KEY).getAddress());
        return new UnsignedTransfer(MAINNET_LEGACY.ref(), from, 9, payload, EvmTransactionCodec.digest(payload));
    }

    static UnsignedTransfer eip1559Transfer(LocalTestSigner signer) {
        RawTransaction raw = EvmTransactionCodec.build(EvmChain.LOCAL, BigInteger.valueOf(3), BigInteger.valueOf(21_000),
                "0x3535353535353535353535353535353535353535", BigInteger.valueOf(12345), "0x",
                new FeeQuote(BigInteger.valueOf(3_000_000_000L), BigInteger.valueOf(1_000_000_000L)));
        byte[] payload = EvmTransactionCodec.unsignedPayload(EvmChain.LOCAL, raw);
        return new UnsignedTransfer(EvmChain.LOCAL.ref(), EvmAddresses.fromPublicKey(signer.publicKey()), 3, payload,
                EvmTransactionCodec.digest(payload));
    }

    @Test
    void legacy_signing_payload_and_digest_match_the_eip155_example() {
        UnsignedTransfer u = eip155Example();
        assertThat(Numeric.toHexString(u.payload())).isEqualTo(EIP155_SIGNING_DATA);
        assertThat(Numeric.toHexString(u.signingDigest())).isEqualTo(EIP155_SIGNING_HASH);
    }

    @Test
    void legacy_assembly_from_r_s_and_recovery_id_reproduces_the_eip155_signed_transaction() {
        // v = 37 in the example is recId 0 + 35 + 2 * chainId(1).
        SignedTransaction signed = new EvmSignatureAssembler(MAINNET_LEGACY)
                .assemble(eip155Example(), new ExternalSignature.Ecdsa(EIP155_R, EIP155_S, 0));
        assertThat(Numeric.toHexString(signed.raw())).isEqualTo(EIP155_SIGNED);
    }

    @Test
    void eip1559_assembly_writes_y_parity_and_recovers_the_sender_for_both_recovery_ids() {
        boolean[] seen = new boolean[2];
        for (int i = 0; i < 40 && !(seen[0] && seen[1]); i++) {
            LocalTestSigner signer = LocalTestSigner.random();
            UnsignedTransfer u = eip1559Transfer(signer);
            ExternalSignature.Ecdsa sig = signer.sign(u.signingDigest());
            seen[sig.recoveryId()] = true;
            SignedTransaction signed = new EvmSignatureAssembler(EvmChain.LOCAL).assemble(u, sig);
            assertThat(signed.raw()[0]).isEqualTo((byte) 0x02);
            SignedRawTransaction decoded = (SignedRawTransaction) TransactionDecoder.decode(Numeric.toHexString(signed.raw()));
            assertThat(Numeric.toBigInt(decoded.getSignatureData().getR())).isEqualTo(sig.r());
            assertThat(EvmAddresses.same(u.from(), decodedFrom(decoded))).isTrue();
        }
        assertThat(seen).as("both y-parities exercised").containsExactly(true, true);
    }

    @Test
    void a_high_s_signature_is_normalised_to_low_s_with_the_other_recovery_id() {
        LocalTestSigner signer = LocalTestSigner.random();
        UnsignedTransfer u = eip1559Transfer(signer);
        ExternalSignature.Ecdsa low = signer.sign(u.signingDigest());
        ExternalSignature.Ecdsa high = new ExternalSignature.Ecdsa(low.r(), N.subtract(low.s()), low.recoveryId() ^ 1);

        SignedTransaction fromHigh = new EvmSignatureAssembler(EvmChain.LOCAL).assemble(u, high);
        SignedTransaction fromLow = new EvmSignatureAssembler(EvmChain.LOCAL).assemble(u, low);
        assertThat(fromHigh.raw()).isEqualTo(fromLow.raw());
    }

    @Test
    void rejects_a_signature_from_another_key() {
        LocalTestSigner owner = LocalTestSigner.random();
        UnsignedTransfer u = eip1559Transfer(owner);
        ExternalSignature.Ecdsa forged = LocalTestSigner.random().sign(u.signingDigest());
        assertCode(() -> new EvmSignatureAssembler(EvmChain.LOCAL).assemble(u, forged), ChainException.Code.SIGNER_MISMATCH);
    }

    @Test
    void rejects_the_wrong_recovery_id() {
        LocalTestSigner signer = LocalTestSigner.random();
        UnsignedTransfer u = eip1559Transfer(signer);
        ExternalSignature.Ecdsa sig = signer.sign(u.signingDigest());
        ExternalSignature.Ecdsa flipped = new ExternalSignature.Ecdsa(sig.r(), sig.s(), sig.recoveryId() ^ 1);
        assertCode(() -> new EvmSignatureAssembler(EvmChain.LOCAL).assemble(u, flipped), ChainException.Code.SIGNER_MISMATCH);
    }

    @Test
    void rejects_a_signature_over_a_different_digest() {
        LocalTestSigner signer = LocalTestSigner.random();
        UnsignedTransfer u = eip1559Transfer(signer);
        byte[] other = u.signingDigest();
        other[0] ^= 1;
        ExternalSignature.Ecdsa sig = signer.sign(other);
        assertCode(() -> new EvmSignatureAssembler(EvmChain.LOCAL).assemble(u, sig), ChainException.Code.SIGNER_MISMATCH);
    }

    @Test
    void rejects_out_of_range_r_s_and_recovery_ids() {
        LocalTestSigner signer = LocalTestSigner.random();
        UnsignedTransfer u = eip1559Transfer(signer);
        ExternalSignature.Ecdsa ok = signer.sign(u.signingDigest());
        EvmSignatureAssembler a = new EvmSignatureAssembler(EvmChain.LOCAL);
        assertCode(() -> a.assemble(u, new ExternalSignature.Ecdsa(BigInteger.ZERO, ok.s(), ok.recoveryId())), ChainException.Code.INVALID_SIGNATURE);
        assertCode(() -> a.assemble(u, new ExternalSignature.Ecdsa(N, ok.s(), ok.recoveryId())), ChainException.Code.INVALID_SIGNATURE);
        assertCode(() -> a.assemble(u, new ExternalSignature.Ecdsa(ok.r(), BigInteger.ZERO, ok.recoveryId())), ChainException.Code.INVALID_SIGNATURE);
        assertCode(() -> a.assemble(u, new ExternalSignature.Ecdsa(ok.r(), N.add(ok.s()), ok.recoveryId())), ChainException.Code.INVALID_SIGNATURE);
        assertCode(() -> a.assemble(u, new ExternalSignature.Ecdsa(ok.r(), ok.s(), 2)), ChainException.Code.INVALID_SIGNATURE);
        assertCode(() -> a.assemble(u, new ExternalSignature.Ecdsa(ok.r(), ok.s(), -1)), ChainException.Code.INVALID_SIGNATURE);
        assertCode(() -> a.assemble(u, new ExternalSignature.Ed25519(new byte[64])), ChainException.Code.INVALID_SIGNATURE);
        // x = 5 is on no secp256k1 point (5^3 + 7 is not a square mod p), so no R can have it.
        assertCode(() -> a.assemble(u, new ExternalSignature.Ecdsa(BigInteger.valueOf(5), ok.s(), ok.recoveryId())),
                ChainException.Code.INVALID_SIGNATURE);
    }

    @Test
    void rejects_a_digest_that_does_not_belong_to_the_payload() {
        LocalTestSigner signer = LocalTestSigner.random();
        UnsignedTransfer u = eip1559Transfer(signer);
        byte[] wrongDigest = new byte[32];
        UnsignedTransfer tampered = new UnsignedTransfer(u.chain(), u.from(), u.sequence(), u.payload(), wrongDigest);
        assertCode(() -> new EvmSignatureAssembler(EvmChain.LOCAL).assemble(tampered, signer.sign(wrongDigest)),
                ChainException.Code.INVALID_TRANSACTION);
    }

    @Test
    void rejects_a_payload_for_another_chain_or_not_a_transaction() {
        LocalTestSigner signer = LocalTestSigner.random();
        UnsignedTransfer u = eip1559Transfer(signer);
        // A LOCAL payload presented as an Ethereum-mainnet transfer must not be signed for mainnet.
        UnsignedTransfer relabelled = new UnsignedTransfer(EvmChain.ETHEREUM.ref(), u.from(), u.sequence(), u.payload(), u.signingDigest());
        assertCode(() -> new EvmSignatureAssembler(EvmChain.ETHEREUM).assemble(relabelled, signer.sign(u.signingDigest())),
                ChainException.Code.INVALID_TRANSACTION);
        byte[] junk = {0x02, (byte) 0xc1, 0x01};
        UnsignedTransfer garbage = new UnsignedTransfer(EvmChain.LOCAL.ref(), u.from(), 0, junk, EvmTransactionCodec.digest(junk));
        assertCode(() -> new EvmSignatureAssembler(EvmChain.LOCAL).assemble(garbage, signer.sign(garbage.signingDigest())),
                ChainException.Code.INVALID_TRANSACTION);
    }

    private static String decodedFrom(SignedRawTransaction t) {
        try {
            return t.getFrom();
        } catch (java.security.SignatureException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ChainException.Code code) {
        assertThatThrownBy(call).isInstanceOf(ChainException.class)
                .satisfies(e -> assertThat(((ChainException) e).code()).isEqualTo(code));
    }
}
