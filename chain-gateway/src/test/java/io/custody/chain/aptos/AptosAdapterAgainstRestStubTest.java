package io.custody.chain.aptos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custody.chain.Amount;
import io.custody.chain.Asset;
import io.custody.chain.ChainAddress;
import io.custody.chain.ChainException;
import io.custody.chain.SignedTransaction;
import io.custody.chain.TransferRequest;
import io.custody.chain.TxHash;
import io.custody.chain.TxStatus;
import io.custody.chain.UnsignedTransfer;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Aptos adapter's REST flows against {@link AptosNodeStub}, a local HTTP stub of the documented API v1 (there is
 * no Aptos node on this machine). These tests prove the requests and response handling, not on-chain execution.
 */
class AptosAdapterAgainstRestStubTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    AptosNodeStub stub;
    AptosAdapter adapter;

    @BeforeEach
    void start() throws Exception {
        stub = new AptosNodeStub();
        adapter = new AptosAdapter(AptosChain.TESTNET, new AptosRestClient(stub.baseUri()), CLOCK);
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void apt_transfer_is_built_from_the_nodes_sequence_number_signed_externally_submitted_and_tracked() {
        LocalEd25519Signer signer = LocalEd25519Signer.random();
        ChainAddress custody = adapter.deriveAddress(signer.publicKey());
        stub.sequenceNumbers.put(custody.value(), 7L);
        ChainAddress to = adapter.deriveAddress(LocalEd25519Signer.random().publicKey());

        UnsignedTransfer u = adapter.buildTransfer(new TransferRequest(custody, to, Asset.nativeCoin(), Amount.of(5000)));
        assertThat(u.sequence()).isEqualTo(7);
        RawTransaction expected = new RawTransaction(AptosAddress.of(custody), 7, EntryFunction.aptTransfer(AptosAddress.of(to), 5000),
                AptosChain.TESTNET.maxGasAmount(), 100, CLOCK.instant().getEpochSecond() + 600, AptosChain.TESTNET.chainId());
        assertThat(u.payload()).isEqualTo(expected.bcs());
        assertThat(u.signingDigest()).isEqualTo(expected.signingMessage());

        SignedTransaction signed = adapter.assemble(u, signer.sign(u.signingDigest()));
        TxHash hash = adapter.broadcast(signed);
        assertThat(stub.submitted.get(hash.value())).isEqualTo(signed.raw());
        assertThat(adapter.status(hash).state()).isEqualTo(TxStatus.State.PENDING);
        stub.commitAll();
        assertThat(adapter.status(hash).state()).isEqualTo(TxStatus.State.CONFIRMED);
    }

    @Test
    void back_to_back_transfers_take_consecutive_sequence_numbers() {
        LocalEd25519Signer signer = LocalEd25519Signer.random();
        ChainAddress custody = adapter.deriveAddress(signer.publicKey());
        stub.sequenceNumbers.put(custody.value(), 0L);
        ChainAddress to = adapter.deriveAddress(LocalEd25519Signer.random().publicKey());
        long a = adapter.buildTransfer(new TransferRequest(custody, to, Asset.nativeCoin(), Amount.of(1))).sequence();
        long b = adapter.buildTransfer(new TransferRequest(custody, to, Asset.nativeCoin(), Amount.of(1))).sequence();
        assertThat(List.of(a, b)).containsExactly(0L, 1L);
    }

    @Test
    void coin_transfer_carries_the_coin_type_argument() {
        LocalEd25519Signer signer = LocalEd25519Signer.random();
        ChainAddress custody = adapter.deriveAddress(signer.publicKey());
        stub.sequenceNumbers.put(custody.value(), 0L);
        ChainAddress to = adapter.deriveAddress(LocalEd25519Signer.random().publicKey());
        String usdc = "0x" + "cd".repeat(32) + "::usdc::USDC";
        UnsignedTransfer u = adapter.buildTransfer(new TransferRequest(custody, to, new Asset.CoinType(usdc), Amount.of(2_000_000)));
        RawTransaction expected = new RawTransaction(AptosAddress.of(custody), 0,
                EntryFunction.coinTransfer(TypeTag.Struct.parse(usdc), AptosAddress.of(to), 2_000_000),
                AptosChain.TESTNET.maxGasAmount(), 100, CLOCK.instant().getEpochSecond() + 600, AptosChain.TESTNET.chainId());
        assertThat(u.payload()).isEqualTo(expected.bcs());
    }

    @Test
    void a_signature_by_another_key_or_over_another_message_is_refused_before_submission() {
        LocalEd25519Signer signer = LocalEd25519Signer.random();
        ChainAddress custody = adapter.deriveAddress(signer.publicKey());
        stub.sequenceNumbers.put(custody.value(), 0L);
        UnsignedTransfer u = adapter.buildTransfer(new TransferRequest(custody,
                adapter.deriveAddress(LocalEd25519Signer.random().publicKey()), Asset.nativeCoin(), Amount.of(1)));

        assertThatThrownBy(() -> adapter.assemble(u, LocalEd25519Signer.random().sign(u.signingDigest())))
                .isInstanceOf(ChainException.class)
                .satisfies(e -> assertThat(((ChainException) e).code()).isEqualTo(ChainException.Code.INVALID_SIGNATURE));
        byte[] other = u.signingDigest();
        other[40] ^= 1;
        assertThatThrownBy(() -> adapter.assemble(u, signer.sign(other))).isInstanceOf(ChainException.class);
        UnsignedTransfer lying = new UnsignedTransfer(u.chain(), u.from(), u.sequence(), u.payload(), other);
        assertThatThrownBy(() -> adapter.assemble(lying, signer.sign(other)))
                .isInstanceOf(ChainException.class)
                .satisfies(e -> assertThat(((ChainException) e).code()).isEqualTo(ChainException.Code.INVALID_TRANSACTION));
        assertThat(stub.submitted).isEmpty();
    }

    @Test
    void an_address_whose_key_the_adapter_never_derived_cannot_be_assembled() {
        LocalEd25519Signer stranger = LocalEd25519Signer.random();
        ChainAddress unknown = AuthenticationKeys.ed25519(stranger.publicKey()).toChainAddress();
        stub.sequenceNumbers.put(unknown.value(), 0L);
        UnsignedTransfer u = adapter.buildTransfer(new TransferRequest(unknown, unknown, Asset.nativeCoin(), Amount.of(1)));
        assertThatThrownBy(() -> adapter.assemble(u, stranger.sign(u.signingDigest())))
                .isInstanceOf(ChainException.class)
                .satisfies(e -> assertThat(((ChainException) e).code()).isEqualTo(ChainException.Code.SIGNER_MISMATCH));
    }

    @Test
    void a_two_of_three_multi_ed25519_account_transfers_with_two_signatures() {
        LocalEd25519Signer a = LocalEd25519Signer.random(), b = LocalEd25519Signer.random(), c = LocalEd25519Signer.random();
        MultiEd25519PublicKey key = new MultiEd25519PublicKey(List.of(a.publicKey(), b.publicKey(), c.publicKey()), 2);
        ChainAddress custody = adapter.deriveMultiAddress(key);
        stub.sequenceNumbers.put(custody.value(), 3L);
        UnsignedTransfer u = adapter.buildTransfer(new TransferRequest(custody,
                adapter.deriveAddress(LocalEd25519Signer.random().publicKey()), Asset.nativeCoin(), Amount.of(9)));

        TreeMap<Integer, byte[]> sigs = new TreeMap<>();
        sigs.put(0, a.sign(u.signingDigest()).bytes());
        sigs.put(2, c.sign(u.signingDigest()).bytes());
        SignedTransaction signed = adapter.assembleMulti(u, sigs);
        TxHash hash = adapter.broadcast(signed);
        assertThat(stub.submitted).containsKey(hash.value());

        TreeMap<Integer, byte[]> one = new TreeMap<>();
        one.put(1, b.sign(u.signingDigest()).bytes());
        assertThatThrownBy(() -> adapter.assembleMulti(u, one)).isInstanceOf(ChainException.class);
    }

    @Test
    void balances_come_from_the_coin_balance_view_function() {
        ChainAddress owner = adapter.deriveAddress(LocalEd25519Signer.random().publicKey());
        stub.aptBalances.put(owner.value(), new BigInteger("123456789012"));
        assertThat(adapter.balance(owner, Asset.nativeCoin())).isEqualTo(Amount.of(new BigInteger("123456789012")));
    }

    @Test
    void node_rejections_and_unknown_hashes_are_reported() {
        LocalEd25519Signer signer = LocalEd25519Signer.random();
        ChainAddress custody = adapter.deriveAddress(signer.publicKey());
        stub.sequenceNumbers.put(custody.value(), 0L);
        UnsignedTransfer u = adapter.buildTransfer(new TransferRequest(custody, custody, Asset.nativeCoin(), Amount.of(1)));
        SignedTransaction signed = adapter.assemble(u, signer.sign(u.signingDigest()));
        stub.rejectNextSubmissionWith = "SEQUENCE_NUMBER_TOO_OLD";
        assertThatThrownBy(() -> adapter.broadcast(signed))
                .isInstanceOf(ChainException.class)
                .hasMessageContaining("SEQUENCE_NUMBER_TOO_OLD")
                .satisfies(e -> assertThat(((ChainException) e).code()).isEqualTo(ChainException.Code.REJECTED_BY_NODE));
        assertThat(adapter.status(new TxHash("0x" + "00".repeat(32))).state()).isEqualTo(TxStatus.State.UNKNOWN);
        // The refused transaction did not use sequence number 0, so the next transfer takes it again.
        assertThat(adapter.buildTransfer(new TransferRequest(custody, custody, Asset.nativeCoin(), Amount.of(1))).sequence())
                .isZero();
        ChainAddress nobody = adapter.deriveAddress(LocalEd25519Signer.random().publicKey());
        assertThatThrownBy(() -> adapter.buildTransfer(new TransferRequest(nobody, custody, Asset.nativeCoin(), Amount.of(1))))
                .isInstanceOf(ChainException.class);
    }
}
