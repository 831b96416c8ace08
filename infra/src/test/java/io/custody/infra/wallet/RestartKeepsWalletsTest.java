package io.custody.infra.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custody.infra.support.Http;
import io.custody.infra.support.RunningApplication;
import io.custody.infra.support.SseClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping the application and starting it on the same data directory loses nothing. */
class RestartKeepsWalletsTest {

    @TempDir
    Path dataDir;

    @Test
    void a_wallet_and_its_complete_event_history_survive_a_restart() throws Exception {
        String id;
        List<SseClient.Event> before;
        try (RunningApplication app = RunningApplication.start(dataDir)) {
            Http http = app.http();
            id = http.post("/api/v1/wallets", """
                    {"name":"Before","signers":
                     ["0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed","0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"],
                     "threshold":2,"chainFamily":"EVM"}""").json().get("walletId").asString();
            http.patch("/api/v1/wallets/" + id, "{\"name\":\"After\"}");
            // the stream answers 404 until the read model knows the wallet
            await().atMost(Duration.ofSeconds(60)).until(() -> http.get("/api/v1/wallets/" + id).status() == 200);
            try (SseClient sse = SseClient.connect(http, "/api/v1/wallets/" + id + "/events", null)) {
                assertThat(sse.status()).isEqualTo(200);
                before = sse.take(2, Duration.ofSeconds(60));
            }
        }

        try (RunningApplication app = RunningApplication.start(dataDir)) {
            Http http = app.http();
            Http.Response wallet = http.get("/api/v1/wallets/" + id);
            assertThat(wallet.status()).isEqualTo(200);
            assertThat(wallet.json().get("name").asString()).isEqualTo("After");
            try (SseClient sse = SseClient.connect(http, "/api/v1/wallets/" + id + "/events", null)) {
                assertThat(sse.status()).isEqualTo(200);
                assertThat(sse.take(2, Duration.ofSeconds(60))).isEqualTo(before);
                assertThat(sse.drain(Duration.ofSeconds(1))).isEmpty();
            }
            // the restarted application still accepts commands for the old wallet
            assertThat(http.patch("/api/v1/wallets/" + id, "{\"name\":\"Again\"}").status()).isEqualTo(204);
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    "Again".equals(http.get("/api/v1/wallets/" + id).json().get("name").asString()));
        }
    }
}
