package io.custody.chain.aptos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.custody.chain.Amount;
import io.custody.chain.Asset;
import io.custody.chain.BroadcastOutcome;
import io.custody.chain.ChainAddress;
import io.custody.chain.ChainException;
import io.custody.chain.SignedTransaction;
import io.custody.chain.TransferRequest;
import io.custody.chain.UnsignedTransfer;
import io.custody.chain.rpc.BreakerPolicy;
import io.custody.chain.rpc.RetryPolicy;
import io.custody.chain.rpc.RpcEndpoint;
import io.custody.chain.rpc.WrongChainException;
import io.custody.chain.store.InMemoryNonceStore;
import io.custody.chain.store.NonceStore;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Aptos REST resilience and sequence numbers against {@link AptosNodeStub} (the documented API v1; no Aptos node runs
 * here): failover on refused connections, timeouts, HTTP 503; retry with backoff; endpoints on another chain
 * refused; sequence numbers of transactions still in the mempool never handed out again, across a restart too.
 */
class AptosRestFailoverAgainstStubTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    static final RetryPolicy THREE_TRIES = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(40), 2.0);
    static final Duration SHORT_TIMEOUT = Duration.ofMillis(500);

    AptosNodeStub stub;

    @BeforeEach
    void start() throws Exception {
        stub = new AptosNodeStub();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    static String deadUrl() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + s.getLocalPort() + "/v1";
        }
    }

    AptosRestClient client(RetryPolicy retry, RpcEndpoint... endpoints) {
        return new AptosRestClient(List.of(endpoints), retry, BreakerPolicy.defaults(), SHORT_TIMEOUT);
    }

    RpcEndpoint stubEndpoint(String name, AptosNodeStub s) {
        return new RpcEndpoint(name, s.baseUri());
    }

    @Test
    void a_dead_primary_fails_over_to_the_backup() throws Exception {
        AptosRestClient rest = client(THREE_TRIES, RpcEndpoint.of("primary", deadUrl()), stubEndpoint("backup", stub));
        assertThat(rest.estimateGasUnitPrice()).isEqualTo(100);
        assertThat(rest.lastServedBy()).isEqualTo("backup");
    }

    @Test
    void a_primary_that_never_answers_times_out_and_the_backup_serves() throws Exception {
        HttpServer silent = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        CountDownLatch release = new CountDownLatch(1);
        silent.createContext("/", ex -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        silent.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        silent.start();
        try {
            AptosRestClient rest = client(THREE_TRIES, RpcEndpoint.of("silent",
                    "http://127.0.0.1:" + silent.getAddress().getPort() + "/v1"), stubEndpoint("backup", stub));
            assertThat(rest.estimateGasUnitPrice()).isEqualTo(100);
            assertThat(rest.lastServedBy()).isEqualTo("backup");
        } finally {
            release.countDown();
            silent.stop(0);
            ((java.util.concurrent.ExecutorService) silent.getExecutor()).shutdownNow();
        }
    }

    @Test
    void an_overloaded_node_is_retried_with_backoff_until_it_answers_within_the_attempts() {
        stub.unavailableFor.set(2);
        assertThat(client(THREE_TRIES, stubEndpoint("only", stub)).estimateGasUnitPrice()).isEqualTo(100);

        stub.unavailableFor.set(3);
        assertThatThrownBy(() -> client(THREE_TRIES, stubEndpoint("only", stub)).estimateGasUnitPrice())
                .isInstanceOfSatisfying(ChainException.class,
                        e -> assertThat(e.code()).isEqualTo(ChainException.Code.RPC_UNAVAILABLE));
    }

    @Test
    void a_node_error_answer_is_not_retried_or_failed_over() throws Exception {
        try (AptosNodeStub backup = new AptosNodeStub()) {
            AptosRestClient rest = client(THREE_TRIES, stubEndpoint("primary", stub), stubEndpoint("backup", backup));
            ChainAddress nobody = new ChainAddress("0x" + "ab".repeat(32));
            assertThatThrownBy(() -> rest.sequenceNumber(AptosAddress.of(nobody))).isInstanceOf(ChainException.class)
                    .hasMessageContaining("does not exist");
            assertThat(rest.lastServedBy()).isEqualTo("primary");
            assertThat(backup.requests).isEmpty();
        }
    }

    @Test
    void an_endpoint_on_another_chain_is_refused_and_the_right_one_serves() throws Exception {
        try (AptosNodeStub mainnet = new AptosNodeStub()) {
            mainnet.chainId = 1;
            AptosRestClient rest = client(THREE_TRIES, stubEndpoint("mainnet", mainnet), stubEndpoint("testnet", stub));
            new AptosAdapter(AptosChain.TESTNET, rest, CLOCK);
            assertThat(rest.estimateGasUnitPrice()).isEqualTo(100);
            assertThat(rest.lastServedBy()).isEqualTo("testnet");
            assertThat(rest.isRefused("mainnet")).isTrue();
            assertThat(mainnet.requests).containsOnly("");

            AptosRestClient onlyWrong = client(THREE_TRIES, stubEndpoint("mainnet", mainnet));
            new AptosAdapter(AptosChain.TESTNET, onlyWrong, CLOCK);
            assertThatThrownBy(onlyWrong::estimateGasUnitPrice).isInstanceOf(WrongChainException.class);
        }
    }

    // ---- sequence numbers ----

    record Account(LocalEd25519Signer signer, ChainAddress address) {
    }

    Account account(AptosAdapter adapter, long committedSequence) {
        LocalEd25519Signer signer = LocalEd25519Signer.random();
        ChainAddress a = adapter.deriveAddress(signer.publicKey());
        stub.sequenceNumbers.put(a.value(), committedSequence);
        return new Account(signer, a);
    }

    static SignedTransaction signedTransfer(AptosAdapter adapter, Account from, long octas) {
        UnsignedTransfer u = adapter.buildTransfer(new TransferRequest(from.address(), from.address(), Asset.nativeCoin(),
                Amount.of(octas)));
        return adapter.assemble(u, from.signer().sign(u.signingDigest()));
    }

    AptosAdapter adapter(NonceStore store) {
        return new AptosAdapter(AptosChain.TESTNET, new AptosRestClient(stub.baseUri()), CLOCK, store);
    }

    @Test
    void after_a_restart_the_sequence_number_of_a_transaction_still_in_the_mempool_is_not_reused() {
        NonceStore store = new InMemoryNonceStore(); // stands for the shared database (JdbcNonceStore is tested on PostgreSQL)
        AptosAdapter before = adapter(store);
        Account acc = account(before, 4);
        SignedTransaction pending = signedTransfer(before, acc, 10);
        before.broadcast(pending);

        // The node still reports 4 (nothing committed); a restarted adapter on the same store continues at 5.
        AptosAdapter after = adapter(store);
        after.deriveAddress(acc.signer().publicKey());
        assertThat(signedTransfer(after, acc, 11)).satisfies(t -> assertThat(sequence(after, t)).isEqualTo(5));

        // Without the store it would believe the node and collide with the pending transaction.
        AptosAdapter forgetful = adapter(new InMemoryNonceStore());
        forgetful.deriveAddress(acc.signer().publicKey());
        assertThat(sequence(forgetful, signedTransfer(forgetful, acc, 12))).isEqualTo(4);
    }

    @Test
    void a_refused_submission_frees_only_its_own_number_not_those_of_pending_transactions() {
        AptosAdapter adapter = adapter(new InMemoryNonceStore());
        Account acc = account(adapter, 0);
        adapter.broadcast(signedTransfer(adapter, acc, 1)); // sequence 0, pending
        SignedTransaction refused = signedTransfer(adapter, acc, 2); // sequence 1
        stub.rejectNextSubmissionWith = "INSUFFICIENT_BALANCE_FOR_TRANSACTION_FEE";
        assertThatThrownBy(() -> adapter.broadcast(refused)).isInstanceOf(ChainException.class);

        assertThat(sequence(adapter, signedTransfer(adapter, acc, 3))).isEqualTo(1);
        assertThat(sequence(adapter, signedTransfer(adapter, acc, 4))).isEqualTo(2);
    }

    @Test
    void broadcast_errors_are_resolved_by_looking_the_transaction_up() {
        AptosAdapter adapter = adapter(new InMemoryNonceStore());
        Account acc = account(adapter, 0);
        SignedTransaction tx = signedTransfer(adapter, acc, 1);
        assertThat(adapter.broadcastResolved(tx)).isEqualTo(new BroadcastOutcome.Accepted(tx.hash()));
        // A resubmission the node refuses is still found pending, then committed.
        stub.rejectNextSubmissionWith = "SEQUENCE_NUMBER_TOO_OLD";
        assertThat(adapter.broadcastResolved(tx)).isEqualTo(new BroadcastOutcome.Accepted(tx.hash()));
        stub.commitAll();
        assertThat(adapter.resolve(tx)).isInstanceOf(BroadcastOutcome.Mined.class);

        SignedTransaction lost = signedTransfer(adapter, acc, 2); // sequence 1
        stub.rejectNextSubmissionWith = "MEMPOOL_IS_FULL";
        assertThat(adapter.broadcastResolved(lost)).isInstanceOf(BroadcastOutcome.NotFound.class);

        stub.sequenceNumbers.put(acc.address().value(), 2L); // another transaction committed sequence 1
        assertThat(adapter.resolve(lost)).isInstanceOfSatisfying(BroadcastOutcome.NonceConflict.class,
                c -> assertThat(c.minedByOther()).isTrue());
    }

    static long sequence(AptosAdapter adapter, SignedTransaction t) {
        byte[] raw = t.raw();
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (raw[32 + i] & 0xff);
        }
        return v;
    }
}
