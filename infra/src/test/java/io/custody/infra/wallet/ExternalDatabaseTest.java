package io.custody.infra.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custody.infra.support.Http;
import io.custody.infra.support.RunningApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a database URL configured (as in the distributed topology), the application uses that server for the event
 * store, tokens, sagas, deadlines and read models (JDBC and R2DBC alike) and starts no database of its own.
 */
class ExternalDatabaseTest {

    @TempDir
    Path dataDir;

    @Test
    void uses_the_configured_postgresql_for_every_store_and_starts_none_itself() throws Exception {
        try (EmbeddedPostgres external = EmbeddedPostgres.builder().setDataDirectory(dataDir.resolve("external"))
                .setRegisterShutdownHook(false).start();
             RunningApplication app = RunningApplication.start(dataDir,
                     "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + external.getPort() + "/postgres",
                     "--spring.datasource.username=postgres")) {
            assertThat(dataDir.resolve("postgres")).doesNotExist();
            assertThat(app.context().getBean(EventStorageEngine.class)).isInstanceOf(JdbcEventStorageEngine.class);
            assertThat(app.context().getBean(TokenStore.class)).isInstanceOf(JdbcTokenStore.class);
            assertThat(app.context().getBean(SagaStore.class)).isInstanceOf(JdbcSagaStore.class);
            assertThat(app.context().getBean(DeadlineManager.class)).isInstanceOf(DbSchedulerDeadlineManager.class);

            Http http = app.http();
            String location = http.post("/api/v1/wallets", """
                    {"name":"Elsewhere","signers":
                     ["0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed","0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"],
                     "threshold":2,"chainFamily":"EVM"}""").header("Location");
            // the read goes through R2DBC, whose URL was derived from the JDBC one
            await().atMost(Duration.ofSeconds(30)).until(() -> http.get(location).status() == 200);
            try (var connection = external.getPostgresDatabase().getConnection();
                 var rows = connection.createStatement().executeQuery("SELECT count(*) FROM wallet_view")) {
                rows.next();
                assertThat(rows.getLong(1)).isEqualTo(1);
            }
        }
    }
}
