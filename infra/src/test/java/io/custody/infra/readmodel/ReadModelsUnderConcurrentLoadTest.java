package io.custody.infra.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.custody.api.deposit.ConfirmDeposit;
import io.custody.api.deposit.DepositConfirmed;
import io.custody.api.deposit.DepositId;
import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.CustodyWalletCreated;
import io.custody.api.wallet.WalletId;
import io.custody.infra.support.Http;
import io.custody.infra.support.Processors;
import io.custody.infra.support.RunningApplication;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight clients write concurrently for a bounded time, so that transactions commit out of global-index order as
 * they do in production; afterwards every event of the event store must be reflected in every read model, row by
 * row: nothing missing, nothing duplicated, versions and sums exact.
 */
class ReadModelsUnderConcurrentLoadTest {

    static final int CLIENTS = 8;
    static final Duration LOAD = Duration.ofSeconds(12);
    /** Bounds each client even on a fast machine. */
    static final int MAX_OPERATIONS_PER_CLIENT = 1_500;

    @TempDir
    static Path dataDir;
    static RunningApplication app;

    @BeforeAll
    static void start() {
        app = RunningApplication.start(dataDir);
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
    }

    @Test
    void after_eight_concurrent_clients_every_stored_event_is_in_every_read_model_exactly_once() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        long deadline = System.nanoTime() + LOAD.toNanos();
        List<Future<Integer>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            LoadClient client = new LoadClient(new Http(app.baseUrl()), app.context().getBean(CommandGateway.class),
                    new Random(c), "load-org-" + (c % 3));
            clients.add(pool.submit(() -> client.run(deadline, MAX_OPERATIONS_PER_CLIENT)));
        }
        int operations = 0;
        for (Future<Integer> client : clients) {
            operations += client.get(LOAD.toSeconds() + 120, TimeUnit.SECONDS);
        }
        pool.shutdown();

        new Processors(app).awaitCaughtUp(ProcessorResetIntegrationTest.processorNames());
        EventStoreAudit audit = EventStoreAudit.of(app);

        assertThat(operations).isGreaterThan(CLIENTS);
        assertThat(audit.count(CustodyWalletCreated.class)).isGreaterThan(CLIENTS);
        assertThat(audit.count(DepositConfirmed.class)).isPositive();
        assertThat(audit.walletViewDifferences()).isEmpty();
        assertThat(audit.eventLogDifferences()).isEmpty();
        assertThat(audit.balanceDifferences()).isEmpty();
        assertThat(audit.proposalDifferences()).isEmpty();
        assertThat(audit.rowsWithoutOrganisation()).isEmpty();
    }

    /** One client: creates wallets and changes them at random, until the deadline or its operation budget. */
    static final class LoadClient {

        static final String ALICE = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
        static final String BOB = "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359";
        static final String CAROL = "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB";
        static final String PAYEE = "0x" + "ab".repeat(20);

        private final Http http;
        private final CommandGateway commands;
        private final Random random;
        private final String organisation;
        private final List<String> wallets = new ArrayList<>();

        LoadClient(Http http, CommandGateway commands, Random random, String organisation) {
            this.http = http;
            this.commands = commands;
            this.random = random;
            this.organisation = organisation;
        }

        int run(long deadline, int maxOperations) {
            int done = 0;
            while (done < maxOperations && System.nanoTime() < deadline) {
                step();
                done++;
            }
            return done;
        }

        private void step() {
            if (wallets.isEmpty() || random.nextInt(10) < 3) {
                Http.Response created = http.post("/api/v1/wallets", """
                        {"organisation":"%s","name":"Load","signers":["%s","%s"],"threshold":2,"chainFamily":"EVM"}"""
                        .formatted(organisation, ALICE, BOB));
                if (created.status() == 201) wallets.add(created.json().get("walletId").asString());
                return;
            }
            String wallet = wallets.get(random.nextInt(wallets.size()));
            String path = "/api/v1/wallets/" + wallet;
            // outcomes are not asserted: refusals write no event, and the audit compares whatever was written
            switch (random.nextInt(9)) {
                case 0 -> http.patch(path, "{\"name\":\"Load " + random.nextInt(1000) + "\"}");
                case 1 -> http.send("PUT", path + "/withdrawal-delay", "application/json",
                        "{\"hours\":" + random.nextInt(48) + "}");
                case 2 -> http.send("PUT", path + "/limits/USDC", "application/json",
                        "{\"single\":\"" + (1 + random.nextInt(10_000)) + "\"}");
                case 3 -> http.send("PUT", path + "/whitelist/" + PAYEE, null, null);
                case 4 -> http.send("DELETE", path + "/whitelist/" + PAYEE, null, null);
                case 5 -> http.send("PUT", path + "/signers/" + CAROL, null, null);
                case 6 -> http.send("DELETE", path + "/signers/" + CAROL, null, null);
                case 7 -> http.send("PUT", path + "/threshold", "application/json",
                        "{\"threshold\":" + (2 + random.nextInt(2)) + "}");
                default -> commands.sendAndWait(new ConfirmDeposit(WalletId.parse(wallet),
                        new DepositId("0xload:" + UUID.randomUUID()),
                        new TokenId(random.nextBoolean() ? "USDC" : "USDT"), Amount.of(1 + random.nextInt(1_000_000))));
            }
        }
    }
}
