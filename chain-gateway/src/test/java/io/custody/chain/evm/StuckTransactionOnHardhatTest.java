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
import java.math.BigInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.RawTransaction;

/** With automine off, transactions sit in Hardhat's pool like stuck ones on a busy network. */
class StuckTransactionOnHardhatTest {

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
    void automineOff() {
        snapshot = chain.control.snapshot();
        chain.control.setAutomine(false);
    }

    @AfterEach
    void restore() {
        chain.control.setAutomine(true);
        chain.control.revert(snapshot);
    }

    @Test
    void a_stuck_transfer_is_replaced_with_the_same_nonce_and_higher_fees_and_only_the_replacement_mines() {
        LocalTestSigner signer = LocalTestSigner.random();
        ChainAddress custody = chain.fund(signer, 1);
        ChainAddress to = HardhatChain.randomAddress();
        UnsignedTransfer stuck = chain.adapter.buildTransfer(new TransferRequest(custody, to, Asset.nativeCoin(), Amount.of(5000)));
        TxHash stuckHash = chain.adapter.broadcast(HardhatChain.sign(chain.adapter, signer, stuck));
        assertThat(chain.adapter.status(stuckHash).state()).isEqualTo(TxStatus.State.PENDING);

        UnsignedTransfer replacement = chain.adapter.buildReplacement(stuck);
        assertThat(replacement.sequence()).isEqualTo(stuck.sequence());
        assertThat(maxFee(replacement)).isGreaterThanOrEqualTo(maxFee(stuck).multiply(BigInteger.valueOf(1125)).divide(BigInteger.valueOf(1000)));
        TxHash replacementHash = chain.adapter.broadcast(HardhatChain.sign(chain.adapter, signer, replacement));
        chain.control.mine(1);

        assertThat(chain.adapter.status(replacementHash).state()).isEqualTo(TxStatus.State.INCLUDED);
        assertThat(chain.adapter.status(stuckHash).state()).isEqualTo(TxStatus.State.UNKNOWN);
        assertThat(chain.adapter.balance(to, Asset.nativeCoin())).isEqualTo(Amount.of(5000));
    }

    @Test
    void a_stuck_transfer_is_cancelled_by_a_zero_value_self_transfer_with_its_nonce() {
        LocalTestSigner signer = LocalTestSigner.random();
        ChainAddress custody = chain.fund(signer, 1);
        ChainAddress to = HardhatChain.randomAddress();
        UnsignedTransfer stuck = chain.adapter.buildTransfer(new TransferRequest(custody, to, Asset.nativeCoin(), Amount.of(5000)));
        TxHash stuckHash = chain.adapter.broadcast(HardhatChain.sign(chain.adapter, signer, stuck));

        UnsignedTransfer cancel = chain.adapter.buildCancellation(stuck);
        TxHash cancelHash = chain.adapter.broadcast(HardhatChain.sign(chain.adapter, signer, cancel));
        chain.control.mine(1);

        assertThat(chain.adapter.status(cancelHash).state()).isEqualTo(TxStatus.State.INCLUDED);
        assertThat(chain.adapter.status(stuckHash).state()).isEqualTo(TxStatus.State.UNKNOWN);
        assertThat(chain.adapter.balance(to, Asset.nativeCoin())).isEqualTo(Amount.of(0));
    }

    @Test
    void rebroadcasting_a_transaction_the_node_already_holds_is_not_an_error() {
        LocalTestSigner signer = LocalTestSigner.random();
        ChainAddress custody = chain.fund(signer, 1);
        UnsignedTransfer u = chain.adapter.buildTransfer(
                new TransferRequest(custody, HardhatChain.randomAddress(), Asset.nativeCoin(), Amount.of(1)));
        var signed = HardhatChain.sign(chain.adapter, signer, u);
        TxHash first = chain.adapter.broadcast(signed);
        assertThat(chain.adapter.broadcast(signed)).isEqualTo(first);
        chain.control.mine(1);
        assertThat(chain.adapter.status(first).state()).isEqualTo(TxStatus.State.INCLUDED);
    }

    @Test
    void the_node_refuses_a_same_nonce_transaction_that_does_not_raise_the_fee() {
        LocalTestSigner signer = LocalTestSigner.random();
        ChainAddress custody = chain.fund(signer, 1);
        UnsignedTransfer first = chain.adapter.buildTransfer(
                new TransferRequest(custody, HardhatChain.randomAddress(), Asset.nativeCoin(), Amount.of(1)));
        chain.adapter.broadcast(HardhatChain.sign(chain.adapter, signer, first));
        // Same nonce and fees, different recipient: what a naive retry would send.
        RawTransaction raw = EvmTransactionCodec.decodeUnsigned(EvmChain.LOCAL, first.payload());
        RawTransaction clash = EvmTransactionCodec.build(EvmChain.LOCAL, raw.getNonce(), raw.getGasLimit(),
                HardhatChain.randomAddress().value(), BigInteger.ONE, "0x",
                new FeeQuote(maxFee(first), ((org.web3j.crypto.transaction.type.Transaction1559) raw.getTransaction()).getMaxPriorityFeePerGas()));
        byte[] payload = EvmTransactionCodec.unsignedPayload(EvmChain.LOCAL, clash);
        UnsignedTransfer u = new UnsignedTransfer(EvmChain.LOCAL.ref(), custody, first.sequence(), payload, EvmTransactionCodec.digest(payload));

        assertThatThrownBy(() -> chain.adapter.broadcast(HardhatChain.sign(chain.adapter, signer, u)))
                .isInstanceOf(ChainException.class)
                .satisfies(e -> assertThat(((ChainException) e).code()).isEqualTo(ChainException.Code.REJECTED_BY_NODE));
    }

    @Test
    void after_a_restart_the_next_nonce_follows_the_nodes_pending_pool_and_lost_transactions_are_reported() {
        LocalTestSigner signer = LocalTestSigner.random();
        ChainAddress custody = chain.fund(signer, 1);
        ChainAddress to = HardhatChain.randomAddress();
        TxHash h0 = chain.send(chain.adapter, signer, new TransferRequest(custody, to, Asset.nativeCoin(), Amount.of(1)));
        TxHash h1 = chain.send(chain.adapter, signer, new TransferRequest(custody, to, Asset.nativeCoin(), Amount.of(2)));

        try (FailoverRpc rpc = FailoverRpc.single(chain.node.rpcUrl())) {
            EvmAdapter restarted = new EvmAdapter(EvmChain.LOCAL, rpc);
            UnsignedTransfer next = restarted.buildTransfer(new TransferRequest(custody, to, Asset.nativeCoin(), Amount.of(3)));
            assertThat(next.sequence()).isEqualTo(2);
            restarted.abandon(next);
        }

        chain.control.dropTransaction(h1.value());
        NonceManager.Reconciliation r = chain.adapter.nonces().reconcile(custody);
        assertThat(r.lost()).containsExactly(BigInteger.ONE);
        chain.control.mine(1);
        assertThat(chain.adapter.status(h0).state()).isEqualTo(TxStatus.State.INCLUDED);
        assertThat(chain.adapter.status(h1).state()).isEqualTo(TxStatus.State.UNKNOWN);
    }

    private static BigInteger maxFee(UnsignedTransfer u) {
        RawTransaction raw = EvmTransactionCodec.decodeUnsigned(EvmChain.LOCAL, u.payload());
        return ((org.web3j.crypto.transaction.type.Transaction1559) raw.getTransaction()).getMaxFeePerGas();
    }
}
