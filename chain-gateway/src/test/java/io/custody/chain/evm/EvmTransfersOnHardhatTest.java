package io.custody.chain.evm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custody.chain.Amount;
import io.custody.chain.Asset;
import io.custody.chain.ChainAddress;
import io.custody.chain.ChainException;
import io.custody.chain.TransferRequest;
import io.custody.chain.TxHash;
import io.custody.chain.TxStatus;
import io.custody.chain.UnsignedTransfer;
import io.custody.chain.rpc.FailoverRpc;
import io.custody.contracts.generated.TestStablecoin;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/** ETH and ERC-20 transfers signed by an external signer and broadcast to a real Hardhat node. */
class EvmTransfersOnHardhatTest {

    static HardhatChain chain;
    String snapshot;

    @BeforeAll
    static void start() {
        chain = new HardhatChain(EvmChain.LOCAL);
    }

    @AfterAll
    static void stop() {
        chain.close();
    }

    @BeforeEach
    void snapshot() {
        snapshot = chain.control.snapshot();
    }

    @AfterEach
    void revert() {
        chain.control.revert(snapshot);
    }

    @Test
    void eth_transfer_signed_externally_arrives_exactly_and_confirms_at_the_configured_depth() throws Exception {
        LocalTestSigner signer = LocalTestSigner.random();
        ChainAddress custody = chain.fund(signer, 10);
        ChainAddress recipient = HardhatChain.randomAddress();
        Amount amount = Amount.of(new BigInteger("1234567890123456789"));

        TxHash hash = chain.send(chain.adapter, signer, new TransferRequest(custody, recipient, Asset.nativeCoin(), amount));

        TxStatus included = chain.adapter.status(hash);
        assertThat(included.state()).isEqualTo(TxStatus.State.INCLUDED);
        assertThat(included.confirmations()).isEqualTo(1);
        chain.control.mine(EvmChain.LOCAL.confirmations() - 1);
        TxStatus confirmed = chain.adapter.status(hash);
        assertThat(confirmed.state()).isEqualTo(TxStatus.State.CONFIRMED);
        assertThat(confirmed.confirmations()).isEqualTo(EvmChain.LOCAL.confirmations());

        assertThat(chain.adapter.balance(recipient, Asset.nativeCoin())).isEqualTo(amount);
        TransactionReceipt r = chain.web3j.ethGetTransactionReceipt(hash.value()).send().getTransactionReceipt().orElseThrow();
        BigInteger fee = r.getGasUsed().multiply(Numeric.decodeQuantity(r.getEffectiveGasPrice()));
        assertThat(chain.adapter.balance(custody, Asset.nativeCoin()).baseUnits())
                .isEqualTo(HardhatChain.ETHER.multiply(BigInteger.TEN).subtract(amount.baseUnits()).subtract(fee));
        assertThat(r.getType()).isEqualTo("0x2");
        assertThat(r.getFrom()).isEqualToIgnoringCase(custody.value());
    }

    @Test
    void erc20_transfer_signed_externally_moves_exact_base_units() throws Exception {
        Credentials deployer = Credentials.create(Keys.createEcKeyPair());
        TestStablecoin token = TestStablecoin.deploy(chain.web3j, chain.deployer(deployer), HardhatChain.gas(),
                deployer.getAddress()).send();
        Asset usd = new Asset.Token(EvmAddresses.parse(token.getContractAddress()));
        LocalTestSigner signer = LocalTestSigner.random();
        ChainAddress custody = chain.fund(signer, 1);
        token.mint(custody.value(), BigInteger.valueOf(1_000_000_000L)).send();
        ChainAddress merchant = HardhatChain.randomAddress();

        TxHash hash = chain.send(chain.adapter, signer, new TransferRequest(custody, merchant, usd, Amount.of(123_456_789L)));

        assertThat(chain.adapter.status(hash).state()).isEqualTo(TxStatus.State.INCLUDED);
        assertThat(chain.adapter.balance(merchant, usd)).isEqualTo(Amount.of(123_456_789L));
        assertThat(chain.adapter.balance(custody, usd)).isEqualTo(Amount.of(1_000_000_000L - 123_456_789L));
    }

    @Test
    void legacy_eip155_transaction_is_accepted_where_a_chain_needs_it() throws Exception {
        try (FailoverRpc rpc = FailoverRpc.single(chain.node.rpcUrl())) {
            EvmAdapter legacy = new EvmAdapter(EvmChain.LOCAL.legacy(), rpc);
            LocalTestSigner signer = LocalTestSigner.random();
            ChainAddress custody = chain.fund(signer, 1);
            ChainAddress to = HardhatChain.randomAddress();

            TxHash hash = chain.send(legacy, signer, new TransferRequest(custody, to, Asset.nativeCoin(), Amount.of(777)));

            assertThat(legacy.status(hash).state()).isEqualTo(TxStatus.State.INCLUDED);
            assertThat(chain.web3j.ethGetTransactionReceipt(hash.value()).send().getTransactionReceipt().orElseThrow().getType())
                    .isEqualTo("0x0");
            assertThat(legacy.balance(to, Asset.nativeCoin())).isEqualTo(Amount.of(777));
        }
    }

    @Test
    void transfers_built_back_to_back_get_distinct_consecutive_nonces_and_all_mine() {
        LocalTestSigner signer = LocalTestSigner.random();
        ChainAddress custody = chain.fund(signer, 1);
        ChainAddress to = HardhatChain.randomAddress();
        List<UnsignedTransfer> built = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            built.add(chain.adapter.buildTransfer(new TransferRequest(custody, to, Asset.nativeCoin(), Amount.of(1000 + i))));
        }
        Set<Long> nonces = new HashSet<>();
        built.forEach(u -> nonces.add(u.sequence()));
        assertThat(nonces).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L);
        for (UnsignedTransfer u : built) {
            chain.adapter.broadcast(HardhatChain.sign(chain.adapter, signer, u));
        }
        assertThat(chain.adapter.balance(to, Asset.nativeCoin())).isEqualTo(Amount.of(5010));
    }

    @Test
    void a_signature_by_another_key_is_refused_before_anything_reaches_the_node() {
        LocalTestSigner owner = LocalTestSigner.random();
        ChainAddress custody = chain.fund(owner, 1);
        UnsignedTransfer u = chain.adapter.buildTransfer(
                new TransferRequest(custody, HardhatChain.randomAddress(), Asset.nativeCoin(), Amount.of(1)));
        long blockBefore = chain.adapter.headBlock();
        assertThatThrownBy(() -> chain.adapter.assemble(u, LocalTestSigner.random().sign(u.signingDigest())))
                .isInstanceOf(ChainException.class)
                .satisfies(e -> assertThat(((ChainException) e).code()).isEqualTo(ChainException.Code.SIGNER_MISMATCH));
        assertThat(chain.adapter.headBlock()).isEqualTo(blockBefore);
    }

    @Test
    void fees_above_the_chain_cap_are_refused_when_building() {
        EvmChain tinyCap = new EvmChain("capped", 31337, 1, BigInteger.ONE, BigInteger.ONE, true);
        try (FailoverRpc rpc = FailoverRpc.single(chain.node.rpcUrl())) {
            EvmAdapter capped = new EvmAdapter(tinyCap, rpc);
            LocalTestSigner signer = LocalTestSigner.random();
            ChainAddress custody = chain.fund(signer, 1);
            assertThatThrownBy(() -> capped.buildTransfer(
                    new TransferRequest(custody, HardhatChain.randomAddress(), Asset.nativeCoin(), Amount.of(1))))
                    .isInstanceOf(ChainException.class)
                    .satisfies(e -> assertThat(((ChainException) e).code()).isEqualTo(ChainException.Code.FEE_CAP_EXCEEDED));
        }
    }

    @Test
    void a_transfer_the_node_refuses_gives_its_nonce_to_the_next_transfer() {
        LocalTestSigner signer = LocalTestSigner.random();
        ChainAddress custody = chain.fund(signer, 1);
        ChainAddress to = HardhatChain.randomAddress();
        UnsignedTransfer tooBig = chain.adapter.buildTransfer(new TransferRequest(custody, to, Asset.nativeCoin(),
                Amount.of(HardhatChain.ETHER.multiply(BigInteger.TEN))));
        assertThatThrownBy(() -> chain.adapter.broadcast(HardhatChain.sign(chain.adapter, signer, tooBig)))
                .isInstanceOf(ChainException.class)
                .satisfies(e -> assertThat(((ChainException) e).code()).isEqualTo(ChainException.Code.REJECTED_BY_NODE));

        UnsignedTransfer next = chain.adapter.buildTransfer(new TransferRequest(custody, to, Asset.nativeCoin(), Amount.of(5)));
        assertThat(next.sequence()).isEqualTo(tooBig.sequence());
        chain.adapter.broadcast(HardhatChain.sign(chain.adapter, signer, next));
        assertThat(chain.adapter.balance(to, Asset.nativeCoin())).isEqualTo(Amount.of(5));
    }

    @Test
    void unknown_hash_has_unknown_status() {
        assertThat(chain.adapter.status(new io.custody.chain.TxHash("0x" + "ab".repeat(32))).state())
                .isEqualTo(TxStatus.State.UNKNOWN);
    }
}
