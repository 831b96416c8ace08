package io.custody.chain.evm;

import static io.custody.chain.rpc.InterceptingRpcProxy.method;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custody.chain.Amount;
import io.custody.chain.Asset;
import io.custody.chain.ChainAddress;
import io.custody.chain.DepositEvent;
import io.custody.chain.DepositWatch;
import io.custody.chain.TransferRequest;
import io.custody.chain.TxHash;
import io.custody.chain.TxStatus;
import io.custody.chain.rpc.BreakerPolicy;
import io.custody.chain.rpc.FailoverRpc;
import io.custody.chain.rpc.InterceptingRpcProxy;
import io.custody.chain.rpc.RetryPolicy;
import io.custody.chain.rpc.RpcEndpoint;
import io.custody.chain.rpc.WrongChainException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the gateway does when its RPC view of the chain is inconsistent: a reorg between two reads of one scan, a
 * lagging endpoint, an endpoint on another chain, a finality tag behind the head, and a "token transfer" that
 * succeeded without moving a token. A real Hardhat node answers; {@link InterceptingRpcProxy} in front of it injects
 * the one inconsistency each test is about.
 */
class ChainReadsUnderFaultsOnHardhatTest {

    static final RetryPolicy FAST_RETRY = new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(20), 2.0);

    static HardhatChain chain;
    static InterceptingRpcProxy proxy;
    static FailoverRpc proxied;
    static EvmAdapter viaProxy;
    String snapshot;
    LocalTestSigner payer;
    ChainAddress payerAddress;
    ChainAddress custody;

    @BeforeAll
    static void start() {
        chain = new HardhatChain(EvmChain.LOCAL); // depth 3
        proxy = new InterceptingRpcProxy(chain.node.rpcUrl());
        proxied = new FailoverRpc(List.of(RpcEndpoint.of("proxy", proxy.url())), FAST_RETRY, BreakerPolicy.defaults());
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
        payer = LocalTestSigner.random();
        payerAddress = chain.fund(payer, 5);
        custody = HardhatChain.randomAddress();
    }

    @AfterEach
    void revert() {
        proxy.clearRules();
        chain.control.revert(snapshot);
    }

    TxHash pay(long wei) {
        return chain.send(chain.adapter, payer, new TransferRequest(payerAddress, custody, Asset.nativeCoin(), Amount.of(wei)));
    }

    static boolean isBlockRead(com.fasterxml.jackson.databind.node.ObjectNode req, long height) {
        return method(req).equals("eth_getBlockByNumber")
                && req.path("params").path(0).asText().equalsIgnoreCase("0x" + Long.toHexString(height));
    }

    @Test
    void a_reorg_between_two_reads_of_one_scan_retracts_the_replaced_block_instead_of_confirming_it() {
        DepositWatch w = viaProxy.watchDeposits(Set.of(custody), Set.of(Asset.nativeCoin()), viaProxy.headBlock() + 1);
        String beforeDeposit = chain.control.snapshot();
        TxHash tx = pay(1_000);
        long depositBlock = viaProxy.headBlock();
        chain.control.mine(1);

        // After the scan has read the deposit's block, and before it reads the next one, the chain reorganises: the
        // deposit's block and the one above are replaced by empty blocks.
        AtomicBoolean reorged = new AtomicBoolean();
        proxy.rule(req -> {
            if (isBlockRead(req, depositBlock + 1) && reorged.compareAndSet(false, true)) {
                chain.control.revert(beforeDeposit);
                chain.control.mine(3);
            }
            return null;
        });

        List<DepositEvent> events = new ArrayList<>(w.poll());
        assertThat(reorged).isTrue();
        for (int i = 0; i < 3; i++) {
            chain.control.mine(1);
            events.addAll(w.poll());
        }
        assertThat(events).noneMatch(e -> e instanceof DepositEvent.Confirmed);
        assertThat(events).filteredOn(e -> e instanceof DepositEvent.Retracted)
                .extracting(e -> e.deposit().tx()).containsExactly(tx);
    }

    @Test
    void a_block_the_endpoint_does_not_have_yet_stops_the_scan_there_and_is_scanned_on_the_next_poll() {
        DepositWatch w = viaProxy.watchDeposits(Set.of(custody), Set.of(Asset.nativeCoin()), viaProxy.headBlock() + 1);
        TxHash tx = pay(2_000);
        long depositBlock = viaProxy.headBlock();
        // The head came from a fresher view than the block reads: the endpoint answers null for the newest block.
        AtomicBoolean lagging = new AtomicBoolean(true);
        proxy.rule(req -> lagging.get() && isBlockRead(req, depositBlock) ? new InterceptingRpcProxy.Reply.Result(null) : null);

        assertThat(w.poll()).isEmpty();

        lagging.set(false);
        assertThat(w.poll()).singleElement().isInstanceOfSatisfying(DepositEvent.Seen.class,
                s -> assertThat(s.deposit().tx()).isEqualTo(tx));
    }

    @Test
    void an_endpoint_on_another_chain_is_refused_and_never_used_while_the_right_one_serves() {
        try (InterceptingRpcProxy wrong = new InterceptingRpcProxy(chain.node.rpcUrl())) {
            wrong.rule(req -> method(req).equals("eth_chainId") ? new InterceptingRpcProxy.Reply.Result(
                    InterceptingRpcProxy.json("0x1")) : null);
            try (FailoverRpc rpc = new FailoverRpc(List.of(RpcEndpoint.of("mainnet-by-mistake", wrong.url()),
                    RpcEndpoint.of("local", chain.node.rpcUrl())), FAST_RETRY, BreakerPolicy.defaults())) {
                EvmAdapter adapter = new EvmAdapter(EvmChain.LOCAL, rpc);

                assertThat(adapter.headBlock()).isEqualTo(chain.adapter.headBlock());
                assertThat(rpc.lastServedBy()).isEqualTo("local");
                assertThat(rpc.isRefused("mainnet-by-mistake")).isTrue();
                assertThat(wrong.methods()).containsOnly("eth_chainId");
            }
        }
    }

    @Test
    void an_endpoint_that_comes_back_from_an_outage_on_another_chain_is_refused() {
        try (InterceptingRpcProxy flaky = new InterceptingRpcProxy(chain.node.rpcUrl());
             FailoverRpc rpc = new FailoverRpc(List.of(RpcEndpoint.of("primary", flaky.url()),
                     RpcEndpoint.of("backup", chain.node.rpcUrl())), FAST_RETRY, BreakerPolicy.defaults())) {
            EvmAdapter adapter = new EvmAdapter(EvmChain.LOCAL, rpc);
            adapter.headBlock();
            assertThat(rpc.lastServedBy()).isEqualTo("primary");

            flaky.rule(req -> new InterceptingRpcProxy.Reply.Drop());
            adapter.headBlock();
            assertThat(rpc.lastServedBy()).isEqualTo("backup");

            // Whatever answers on the primary's URL now is on another chain.
            flaky.clearRules();
            flaky.rule(req -> method(req).equals("eth_chainId") ? new InterceptingRpcProxy.Reply.Result(
                    InterceptingRpcProxy.json("0xaa36a7")) : null);
            rpc.checkHealth();
            assertThat(rpc.isRefused("primary")).isTrue();
            int before = flaky.methods().size();
            adapter.headBlock();
            assertThat(rpc.lastServedBy()).isEqualTo("backup");
            assertThat(flaky.methods().subList(before, flaky.methods().size())).doesNotContain("eth_blockNumber");
        }
    }

    @Test
    void when_every_endpoint_is_on_another_chain_the_call_fails_instead_of_reading_the_wrong_chain() {
        try (InterceptingRpcProxy wrong = new InterceptingRpcProxy(chain.node.rpcUrl())) {
            wrong.rule(req -> method(req).equals("eth_chainId") ? new InterceptingRpcProxy.Reply.Result(
                    InterceptingRpcProxy.json("0x89")) : null);
            try (FailoverRpc rpc = new FailoverRpc(List.of(RpcEndpoint.of("polygon", wrong.url())), FAST_RETRY,
                    BreakerPolicy.defaults())) {
                EvmAdapter adapter = new EvmAdapter(EvmChain.LOCAL, rpc);
                assertThatThrownBy(adapter::headBlock).isInstanceOf(WrongChainException.class);
                assertThat(wrong.methods()).containsOnly("eth_chainId");
            }
        }
    }

    @Test
    void a_token_transfer_without_a_transfer_log_is_not_done_and_fails_only_at_the_confirmation_depth() {
        // The configured "token" is no contract: the call succeeds with status 1 and moves nothing.
        Asset notAToken = new Asset.Token(HardhatChain.randomAddress());
        TxHash tx = chain.send(chain.adapter, payer, new TransferRequest(payerAddress, custody, notAToken, Amount.of(5)));

        TxStatus early = chain.adapter.status(tx);
        assertThat(early.state()).isEqualTo(TxStatus.State.INCLUDED);
        assertThat(early.failing()).isTrue();

        chain.control.mine(EvmChain.LOCAL.confirmations() - 1);
        TxStatus atDepth = chain.adapter.status(tx);
        assertThat(atDepth.state()).isEqualTo(TxStatus.State.FAILED);
        assertThat(atDepth.failure()).contains("no Transfer log");
    }

    @Test
    void with_a_finality_tag_a_deposit_at_depth_waits_until_the_tag_covers_its_block() {
        EvmAdapter tagged = new EvmAdapter(EvmChain.LOCAL.withFinality(EvmChain.Finality.FINALIZED), proxied);
        DepositWatch w = tagged.watchDeposits(Set.of(custody), Set.of(Asset.nativeCoin()), tagged.headBlock() + 1);
        TxHash tx = pay(3_000);
        long depositBlock = tagged.headBlock();
        chain.control.mine(EvmChain.LOCAL.confirmations());
        // The node reports its finalized block just below the deposit.
        AtomicBoolean behind = new AtomicBoolean(true);
        proxy.rule(req -> {
            if (behind.get() && method(req).equals("eth_getBlockByNumber")
                    && req.path("params").path(0).asText().equals("finalized")) {
                com.fasterxml.jackson.databind.node.ObjectNode moved = req.deepCopy();
                ((com.fasterxml.jackson.databind.node.ArrayNode) moved.get("params"))
                        .set(0, InterceptingRpcProxy.json("0x" + Long.toHexString(depositBlock - 1)));
                return InterceptingRpcProxy.forward(moved);
            }
            return null;
        });

        assertThat(w.poll()).singleElement().isInstanceOf(DepositEvent.Seen.class);
        assertThat(tagged.status(tx).state()).isEqualTo(TxStatus.State.INCLUDED);

        behind.set(false); // Hardhat's own "finalized" is its latest block
        assertThat(w.poll()).singleElement().isInstanceOfSatisfying(DepositEvent.Confirmed.class,
                c -> assertThat(c.deposit().tx()).isEqualTo(tx));
        assertThat(tagged.status(tx).state()).isEqualTo(TxStatus.State.CONFIRMED);
    }
}
