package io.custody.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custody.infra.support.Http;
import io.custody.infra.support.RunningApplication;
import java.nio.file.Path;
import java.time.Duration;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.test.server.AxonServerContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The distributed topology's event store: with {@code axon.axonserver.servers} set, events and messages go through
 * Axon Server. Needs Docker for the server; where there is none (as on the CI machines) JUnit reports it skipped.
 */
@Testcontainers(disabledWithoutDocker = true)
class AxonServerTopologyTest {

    @Container
    static final AxonServerContainer AXON_SERVER = new AxonServerContainer()
            .withDevMode(true);

    @TempDir
    Path dataDir;

    @Test
    void creates_and_reads_a_wallet_through_axon_server() {
        try (RunningApplication app = RunningApplication.start(dataDir,
                "--axon.axonserver.servers=" + AXON_SERVER.getAxonServerAddress())) {
            assertThat(app.context().getBeansOfType(EventStorageEngine.class).values())
                    .noneMatch(engine -> engine.getClass().getSimpleName().startsWith("Jdbc"));
            Http http = app.http();
            Http.Response created = http.post("/api/v1/wallets", """
                    {"name":"Via Axon Server","signers":
                     ["0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed","0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"],
                     "threshold":2,"chainFamily":"EVM"}""");
            assertThat(created.status()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(60)).until(() -> http.get(created.header("Location")).status() == 200);
        }
    }
}
