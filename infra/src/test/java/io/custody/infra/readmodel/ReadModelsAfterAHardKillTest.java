package io.custody.infra.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custody.api.deposit.ConfirmDeposit;
import io.custody.api.deposit.DepositId;
import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.CustodyWalletCreated;
import io.custody.api.wallet.WalletId;
import io.custody.api.withdrawal.WithdrawalProposed;
import io.custody.infra.CustodyApplication;
import io.custody.infra.support.ChildJvm;
import io.custody.infra.support.Http;
import io.custody.infra.support.TestIdentity;
import io.custody.infra.support.Processors;
import io.custody.infra.support.RunningApplication;
import io.custody.query.audit.AuditLogProjection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The concurrent load of {@link ReadModelsUnderConcurrentLoadTest} against the application in a JVM of its own, killed
 * with SIGKILL in the middle of it (processors half-way through batches, transactions open), then started again on the
 * same data: every read model catches up to exactly what the event store holds, row by row, and the audit log has
 * exactly one record per stored event at consecutive leaves. Rows and tokens are written in one transaction, so a kill
 * can lose neither an event nor apply one twice.
 */
class ReadModelsAfterAHardKillTest {

    static final int CLIENTS = 8;
    static final Duration LOAD_BEFORE_KILL = Duration.ofSeconds(8);

    @TempDir
    Path dataDir;

    @Test
    void after_a_kill_during_concurrent_load_every_read_model_catches_up_to_exactly_the_event_store() throws Exception {
        List<List<String>> funded = new ArrayList<>();
        try (RunningApplication app = RunningApplication.start(dataDir)) {
            Http http = app.http();
            for (int c = 0; c < CLIENTS; c++) {
                String wallet = http.post("/api/v1/wallets", """
                        {"name":"Kill %d","signers":["%s","%s"],"threshold":2,
                         "chainFamily":"EVM"}""".formatted(c, ReadModelsUnderConcurrentLoadTest.LoadClient.ALICE.address(),
                        ReadModelsUnderConcurrentLoadTest.LoadClient.BOB.address())).json().get("walletId").asString();
                io.custody.infra.support.TestWallets.activate(app.context().getBean(CommandGateway.class), WalletId.parse(wallet));
                app.context().getBean(CommandGateway.class).sendAndWait(new ConfirmDeposit(WalletId.parse(wallet),
                        new DepositId("0xkill:" + c), new TokenId("USDC"), Amount.of(10_000_000)));
                funded.add(List.of(wallet));
            }
        }

        int port = ChildJvm.freePort();
        int operations = 0;
        try (ChildJvm child = ChildJvm.start(dataDir.resolve("child.log"), CustodyApplication.class.getName(),
                TestIdentity.withArguments(dataDir, "--server.port=" + port, "--server.address=127.0.0.1",
                "--custody.embedded-postgres.data-dir=" + dataDir.resolve("postgres"),
                "--custody.mpc.data-dir=" + dataDir.resolve("mpc"), "--custody.provisioning.enabled=false",
                "--custody.execution.enabled=false", "--custody.chain.local-node.enabled=false"))) {
            Http http = TestIdentity.http("http://127.0.0.1:" + port, dataDir);
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                    .until(() -> child.answersReady(http));
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            List<java.util.concurrent.Future<Integer>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                var client = new ReadModelsUnderConcurrentLoadTest.LoadClient(http, null, new Random(100 + c),
                        "kill-org-" + c).withWallets(funded.get(c));
                clients.add(pool.submit(() -> runUntilKilled(client, deadline)));
            }
            Thread.sleep(LOAD_BEFORE_KILL.toMillis());
            child.killHard();
            for (var client : clients) {
                operations += client.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
        }
        assertThat(operations).as("the load ran before the kill").isGreaterThan(CLIENTS);

        try (RunningApplication app = RunningApplication.start(dataDir)) {
            new Processors(app).awaitCaughtUp(ProcessorResetIntegrationTest.processorNames());
            new Processors(app).awaitCaughtUp(List.of(AuditLogProjection.PROCESSOR));
            EventStoreAudit audit = EventStoreAudit.of(app);
            System.out.printf("kill: %d operations, %d events, %d wallets, %d proposals%n", operations,
                    audit.events().size(), audit.count(CustodyWalletCreated.class),
                    audit.count(WithdrawalProposed.class));
            assertThat(audit.walletViewDifferences()).isEmpty();
            assertThat(audit.eventLogDifferences()).isEmpty();
            assertThat(audit.balanceDifferences()).isEmpty();
            assertThat(audit.proposalDifferences()).isEmpty();
            assertThat(audit.rowsWithoutOrganisation()).isEmpty();
            // the audit log records in batches of up to 64 events in its token's transaction: a batch cut by the
            // kill is recorded again whole, so every stored event has exactly one record, at consecutive leaves
            List<String> events = app.jdbc().queryForList("SELECT eventIdentifier FROM DomainEventEntry",
                    String.class);
            assertThat(app.jdbc().queryForList("SELECT event_id FROM audit_record", String.class))
                    .containsExactlyInAnyOrderElementsOf(events);
            assertThat(app.jdbc().queryForList("SELECT leaf_index FROM audit_record ORDER BY leaf_index", Long.class))
                    .containsExactlyElementsOf(LongStream.range(0, events.size()).boxed().toList());
        }
    }

    /** Operations completed before the application went away; a refused connection ends the client. */
    private static int runUntilKilled(ReadModelsUnderConcurrentLoadTest.LoadClient client, long deadline) {
        int done = 0;
        try {
            while (System.nanoTime() < deadline) {
                done += client.run(deadline, 1);
            }
        } catch (RuntimeException killed) {
            // the application was killed mid-request
        }
        return done;
    }

}
