package io.custody.infra.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custody.api.deposit.ConfirmDeposit;
import io.custody.api.deposit.DepositId;
import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.WalletId;
import io.custody.infra.kafka.EmbeddedKafkaBroker;
import io.custody.infra.support.Http;
import io.custody.infra.support.Processors;
import io.custody.infra.support.RunningApplication;
import io.custody.infra.support.TestWallets;
import io.custody.query.stream.EventStreamPublisher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker goes away in the middle of a stream of commands and comes back: the commands are not held up, and once
 * the publisher has caught up the topic holds every event exactly once after dropping duplicates by CloudEvents id,
 * each aggregate's events in order.
 */
class AnalyticsStreamSurvivesABrokerOutageTest {

    static final String ALICE = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    static final String BOB = "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359";

    @TempDir
    Path dataDir;

    @Test
    void no_event_is_lost_or_reordered_when_the_broker_stops_and_restarts_mid_stream() throws Exception {
        EmbeddedKafkaBroker broker;
        // a batch gives up on the broker after 2 s, so the outage also takes the path where the processor fails its
        // batch, rolls back its token and publishes the batch again (the source of duplicates)
        try (RunningApplication app = RunningApplication.startWithKafka(dataDir,
                "--custody.stream.acknowledgement-timeout=2s")) {
            Http http = app.http();
            CommandGateway commands = app.context().getBean(CommandGateway.class);
            broker = app.context().getBean(EmbeddedKafkaBroker.class);
            Processors processors = new Processors(app);
            List<String> wallets = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                String wallet = http.post("/api/v1/wallets", """
                        {"name":"Outage %d","signers":["%s","%s"],"threshold":2,
                         "chainFamily":"EVM"}""".formatted(w, ALICE, BOB)).json().get("walletId").asString();
                TestWallets.activate(commands, WalletId.parse(wallet));
                wallets.add(wallet);
            }
            AtomicInteger sent = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(4);
            List<Future<?>> running = new ArrayList<>();
            int perWallet = 60;
            for (String wallet : wallets) {
                running.add(clients.submit(() -> {
                    for (int i = 0; i < perWallet; i++) {
                        commands.sendAndWait(new ConfirmDeposit(WalletId.parse(wallet),
                                new DepositId("0xoutage:" + UUID.randomUUID()), new TokenId("USDC"), Amount.of(i + 1)));
                        sent.incrementAndGet();
                    }
                }));
            }
            awaitAtLeast(sent, perWallet);
            broker.stop();
            int sentWhenStopped = sent.get();
            long storedWhenStopped = PublishedStream.stored(app).size();
            // commands go on while there is no broker: publication is decoupled from the command side
            awaitAtLeast(sent, sentWhenStopped + perWallet);
            // and the publisher has noticed: it failed a batch and waits to retry it
            await().atMost(Duration.ofMinutes(2)).until(() -> processors.processor(EventStreamPublisher.PROCESSOR)
                    .processingStatus().values().stream().anyMatch(EventTrackerStatus::isErrorState));
            long storedWhileDown = PublishedStream.stored(app).size();
            // events were appended while there was no broker (at most four commands were in flight at the stop)
            assertThat(storedWhileDown).isGreaterThan(storedWhenStopped);
            broker.start();
            for (Future<?> client : running) {
                client.get(5, TimeUnit.MINUTES);
            }
            clients.shutdown();

            processors.awaitCaughtUp(List.of(EventStreamPublisher.PROCESSOR));
            List<PublishedStream.StoredEvent> store = PublishedStream.stored(app);
            assertThat(sent.get()).isEqualTo(wallets.size() * perWallet);
            PublishedStream stream = PublishedStream.read(app, AnalyticsStreamTest.TOPIC);
            System.out.printf("broker outage: events not on the topic: %s%n", app.jdbc().queryForList(
                    "SELECT globalIndex || ':' || aggregateIdentifier || ':' || sequenceNumber FROM DomainEventEntry "
                            + "WHERE NOT (eventIdentifier = ANY (?)) ORDER BY globalIndex", String.class,
                    (Object) stream.deduplicated().messages().stream().map(PublishedStream.Message::id)
                            .toArray(String[]::new)));
            stream.assertHoldsExactlyOnceInAggregateOrder(store);
            System.out.printf("broker outage: %d events stored, %d records on the topic, %d duplicates%n",
                    store.size(), stream.messages().size(), stream.messages().size() - store.size());
        }
        // the broker stops with the application
        assertThat(broker.isRunning()).isFalse();
    }

    private static void awaitAtLeast(AtomicInteger counter, int target) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (counter.get() < target) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("commands stalled at " + counter.get() + " of " + target);
            }
            Thread.sleep(20);
        }
    }
}
