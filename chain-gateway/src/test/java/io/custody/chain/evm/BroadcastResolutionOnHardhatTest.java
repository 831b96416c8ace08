package io.custody.chain.evm;

import static io.custody.chain.rpc.InterceptingRpcProxy.method;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custody.chain.Amount;
import io.custody.chain.Asset;
import io.custody.chain.BroadcastOutcome;
import io.custody.chain.ChainAddress;
import io.custody.chain.ChainException;
import io.custody.chain.SignedTransaction;
import io.custody.chain.TransferRequest;
import io.custody.chain.TxStatus;
import io.custody.chain.UnsignedTransfer;
import io.custody.chain.rpc.BreakerPolicy;
import io.custody.chain.rpc.FailoverRpc;
import io.custody.chain.rpc.InterceptingRpcProxy;
import io.custody.chain.rpc.RetryPolicy;
import io.custody.chain.rpc.RpcEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every broadcast error is resolved by looking the transaction up on a real Hardhat node, never by its wording: the
 * node's "nonce too low", "known transaction" and "replacement transaction underpriced", and connections dropped
 * before or after the node saw the transaction (injected by {@link InterceptingRpcProxy}).
 */
class BroadcastResolutionOnHardhatTest {

    /** One attempt: a dropped connection surfaces at once instead of being retried away. */
    static final RetryPolicy ONE_ATTEMPT = new RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(10), 1.0);

    static HardhatChain chain;
    static InterceptingRpcProxy proxy;
    static FailoverRpc proxied;
    static EvmAdapter viaProxy;
    String snapshot;
    LocalTestSigner signer;
    ChainAddress custody;

    @BeforeAll
    static void start() {
        chain = new HardhatChain(EvmChain.LOCAL);
        proxy = new InterceptingRpcProxy(chain.node.rpcUrl());
        proxied = new FailoverRpc(List.of(RpcEndpoint.of("proxy", proxy.url())), ONE_ATTEMPT, BreakerPolicy.defaults());
        viaProxy = new EvmAdapter(EvmChain.LOCAL, proxied);
    }

    @AfterAll
    static void stop() {
        proxied.close();
        proxy.close();
        chain.close();
    }

    @BeforeEach
    void parties() {
        snapshot = chain.control.snapshot();
        signer = LocalTestSigner.random();
        custody = chain.fund(signer, 1);
    }

    @AfterEach
    void restore() {
        proxy.clearRules();
        chain.control.setAutomine(true);
        chain.control.revert(snapshot);
    }

    SignedTransaction signedTransfer(EvmAdapter a, long wei) {
        UnsignedTransfer u = a.buildTransfer(new TransferRequest(custody, HardhatChain.randomAddress(), Asset.nativeCoin(),
                Amount.of(wei)));
        return HardhatChain.sign(a, signer, u);
    }

    @Test
    void a_fresh_broadcast_is_accepted_and_a_rebroadcast_after_mining_is_found_mined_not_failed() {
        SignedTransaction tx = signedTransfer(chain.adapter, 1_000);
        assertThat(chain.adapter.broadcastResolved(tx)).isEqualTo(new BroadcastOutcome.Accepted(tx.hash()));

        // Hardhat answers the resend with "nonce too low"; the plain broadcast takes that for a rejection.
        assertThatThrownBy(() -> chain.adapter.broadcast(tx)).isInstanceOf(ChainException.class);
        assertThat(chain.adapter.broadcastResolved(tx)).isInstanceOfSatisfying(BroadcastOutcome.Mined.class,
                m -> assertThat(m.blockNumber()).isEqualTo(chain.adapter.status(tx.hash()).blockNumber()));
    }

    @Test
    void a_rebroadcast_of_a_transaction_waiting_in_the_pool_is_accepted() {
        chain.control.setAutomine(false);
        SignedTransaction tx = signedTransfer(chain.adapter, 1_000);
        assertThat(chain.adapter.broadcastResolved(tx)).isInstanceOf(BroadcastOutcome.Accepted.class);
        assertThat(chain.adapter.broadcastResolved(tx)).isEqualTo(new BroadcastOutcome.Accepted(tx.hash()));
    }

    @Test
    void a_nonce_mined_by_another_transaction_is_a_conflict_not_a_rebroadcast() {
        chain.control.setAutomine(false);
        UnsignedTransfer original = chain.adapter.buildTransfer(new TransferRequest(custody, HardhatChain.randomAddress(),
                Asset.nativeCoin(), Amount.of(1_000)));
        SignedTransaction first = HardhatChain.sign(chain.adapter, signer, original);
        SignedTransaction cancel = HardhatChain.sign(chain.adapter, signer, chain.adapter.buildCancellation(original));
        chain.control.setAutomine(true);
        assertThat(chain.adapter.broadcastResolved(cancel)).isInstanceOf(BroadcastOutcome.Accepted.class);

        assertThat(chain.adapter.broadcastResolved(first)).isInstanceOfSatisfying(BroadcastOutcome.NonceConflict.class, c -> {
            assertThat(c.minedByOther()).isTrue();
            assertThat(c.nonce()).isEqualTo(original.sequence());
        });
    }

    @Test
    void an_underpriced_same_nonce_transaction_behind_a_pending_one_is_a_pool_conflict() {
        chain.control.setAutomine(false);
        UnsignedTransfer original = chain.adapter.buildTransfer(new TransferRequest(custody, HardhatChain.randomAddress(),
                Asset.nativeCoin(), Amount.of(1_000)));
        SignedTransaction cheaper = HardhatChain.sign(chain.adapter, signer, original);
        SignedTransaction dearer = HardhatChain.sign(chain.adapter, signer, chain.adapter.buildReplacement(original));
        assertThat(chain.adapter.broadcastResolved(dearer)).isInstanceOf(BroadcastOutcome.Accepted.class);

        // Hardhat: "replacement transaction underpriced".
        assertThat(chain.adapter.broadcastResolved(cheaper)).isInstanceOfSatisfying(BroadcastOutcome.NonceConflict.class,
                c -> assertThat(c.minedByOther()).isFalse());
    }

    @Test
    void a_connection_dropped_after_the_node_took_the_transaction_resolves_to_accepted() {
        chain.control.setAutomine(false);
        SignedTransaction tx = signedTransfer(viaProxy, 1_000);
        AtomicBoolean once = new AtomicBoolean();
        proxy.rule(req -> method(req).equals("eth_sendRawTransaction") && once.compareAndSet(false, true)
                ? new InterceptingRpcProxy.Reply.ForwardThenDrop() : null);

        assertThat(viaProxy.broadcastResolved(tx)).isEqualTo(new BroadcastOutcome.Accepted(tx.hash()));
        chain.control.mine(1);
        assertThat(viaProxy.resolve(tx)).isInstanceOf(BroadcastOutcome.Mined.class);
    }

    @Test
    void a_connection_dropped_before_the_node_saw_it_is_not_found_and_the_same_bytes_then_mine_exactly_once() {
        UnsignedTransfer u = viaProxy.buildTransfer(new TransferRequest(custody, HardhatChain.randomAddress(),
                Asset.nativeCoin(), Amount.of(1_000)));
        SignedTransaction tx = HardhatChain.sign(viaProxy, signer, u);
        // Every attempt of this broadcast is dropped (the HTTP client itself retries a dropped request once).
        AtomicBoolean down = new AtomicBoolean(true);
        proxy.rule(req -> method(req).equals("eth_sendRawTransaction") && down.get()
                ? new InterceptingRpcProxy.Reply.Drop() : null);

        BroadcastOutcome first = viaProxy.broadcastResolved(tx);
        down.set(false);
        assertThat(first).isInstanceOf(BroadcastOutcome.NotFound.class);
        assertThat(((BroadcastOutcome.NotFound) first).error()).isNotBlank();
        // The nonce stays with the signed bytes: the next transfer must not take it.
        assertThat(viaProxy.nonces().inFlight(custody)).containsExactly(java.math.BigInteger.valueOf(u.sequence()));

        assertThat(viaProxy.broadcastResolved(tx)).isInstanceOf(BroadcastOutcome.Accepted.class);
        assertThat(viaProxy.status(tx.hash()).state()).isEqualTo(TxStatus.State.INCLUDED);
        assertThat(viaProxy.nonces().reconcile(custody).lost()).isEmpty();
    }

    @Test
    void a_journaled_signed_transaction_gets_a_same_nonce_fee_replacement_and_only_that_one_mines() {
        chain.control.setAutomine(false);
        SignedTransaction stuck = signedTransfer(chain.adapter, 1_000);
        assertThat(chain.adapter.broadcastResolved(stuck)).isInstanceOf(BroadcastOutcome.Accepted.class);

        UnsignedTransfer replacement = chain.adapter.buildReplacement(stuck);
        SignedTransaction bumped = HardhatChain.sign(chain.adapter, signer, replacement);
        assertThat(replacement.sequence()).isEqualTo(EvmTransactionCodec.decodeUnsigned(EvmChain.LOCAL,
                replacement.payload()).getNonce().longValueExact());
        assertThat(chain.adapter.broadcastResolved(bumped)).isInstanceOf(BroadcastOutcome.Accepted.class);
        chain.control.mine(1);

        assertThat(chain.adapter.resolve(bumped)).isInstanceOf(BroadcastOutcome.Mined.class);
        assertThat(chain.adapter.resolve(stuck)).isInstanceOfSatisfying(BroadcastOutcome.NonceConflict.class,
                c -> assertThat(c.minedByOther()).isTrue());
        assertThatThrownBy(() -> chain.adapter.buildReplacement(bumped)).isInstanceOf(ChainException.class)
                .hasMessageContaining("already mined");
    }
}
