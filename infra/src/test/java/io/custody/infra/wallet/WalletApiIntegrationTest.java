package io.custody.infra.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.custody.infra.support.Http;
import io.custody.infra.support.TestIdentity;
import io.custody.infra.support.RunningApplication;
import io.custody.infra.support.SseClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * The wallet slice through the running all-in-one application over HTTP, on a real embedded PostgreSQL.
 */
@ExtendWith(OutputCaptureExtension.class)
class WalletApiIntegrationTest {

    private static final String ALICE = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    private static final String BOB = "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359";
    private static final String CAROL = "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB";
    /** Generous, because CI machines are small and shared; the projection is normally milliseconds behind. */
    private static final Duration PROJECTION = Duration.ofSeconds(60);

    @TempDir
    static Path dataDir;
    static RunningApplication app;
    static Http http;

    @BeforeAll
    static void start() {
        app = RunningApplication.start(dataDir);
        http = app.http();
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
    }

    /** The test organisation: the one the client acts in, and so the only one it may name. */
    private static String organisation() {
        return TestIdentity.ORGANISATION;
    }

    private static String walletJson(String organisation, String name, int threshold, String... signers) {
        String list = List.of(signers).stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(","));
        return """
                {"organisation":"%s","name":"%s","signers":[%s],"threshold":%d,"chainFamily":"EVM"}"""
                .formatted(organisation, name, list, threshold);
    }

    private static long storedEvents() {
        return app.jdbc().queryForObject("SELECT count(*) FROM DomainEventEntry", Long.class);
    }

    private static JsonNode awaitWallet(String location) {
        await().atMost(PROJECTION).until(() -> http.get(location).status() == 200);
        return http.get(location).json();
    }

    @Test
    void creates_a_wallet_and_serves_it_from_the_read_model() {
        String org = organisation();
        Http.Response created = http.post("/api/v1/wallets", walletJson(org, "Treasury", 2, ALICE, BOB, CAROL));

        assertThat(created.status()).isEqualTo(201);
        String location = created.header("Location");
        String id = created.json().get("walletId").asString();
        assertThat(location).isEqualTo("/api/v1/wallets/" + id);
        assertThat(created.header("X-Trace-Id")).matches("[0-9a-f]{32}");

        JsonNode wallet = awaitWallet(location);
        assertThat(wallet.get("walletId").asString()).isEqualTo(id);
        assertThat(wallet.get("organisation").asString()).isEqualTo(org);
        assertThat(wallet.get("name").asString()).isEqualTo("Treasury");
        assertThat(wallet.get("threshold").asInt()).isEqualTo(2);
        assertThat(wallet.get("chainFamily").asString()).isEqualTo("EVM");
        assertThat(wallet.get("status").asString()).isEqualTo("PENDING_KEY");
        assertThat(wallet.get("signers").valueStream().map(JsonNode::asString)).containsExactly(ALICE, BOB, CAROL);
    }

    @Test
    void lists_wallets_newest_first_in_pages() {
        // an organisation of its own, so that no other test's wallets are in the count
        String org = "org-" + UUID.randomUUID().toString().substring(0, 8);
        Http http = TestIdentity.newOrganisation(app, org);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(http.post("/api/v1/wallets", walletJson(org, "W" + i, 2, ALICE, BOB)).json().get("walletId").asString());
        }
        await().atMost(PROJECTION).until(() ->
                http.get("/api/v1/wallets?organisation=" + org).json().get("total").asLong() == 3);

        JsonNode first = http.get("/api/v1/wallets?organisation=" + org + "&size=2&page=0").json();
        JsonNode second = http.get("/api/v1/wallets?organisation=" + org + "&size=2&page=1").json();
        assertThat(first.get("items")).hasSize(2);
        assertThat(second.get("items")).hasSize(1);
        assertThat(first.get("total").asLong()).isEqualTo(3);
        List<String> listed = new ArrayList<>();
        first.get("items").forEach(w -> listed.add(w.get("walletId").asString()));
        second.get("items").forEach(w -> listed.add(w.get("walletId").asString()));
        assertThat(listed).containsExactly(ids.get(2), ids.get(1), ids.get(0));
    }

    @Test
    void rejects_an_invalid_signer_set_naming_each_field_and_stores_nothing() {
        long before = storedEvents();
        String org = organisation();
        Http.Response response = http.post("/api/v1/wallets", walletJson(org, "Bad", 3, ALICE, ALICE.toLowerCase()));

        assertThat(response.status()).isEqualTo(400);
        JsonNode error = response.json().get("error");
        assertThat(error.get("code").asString()).isEqualTo("VALIDATION_ERROR");
        assertThat(error.get("details").get("threshold").get(0).asString())
                .isEqualTo("must not exceed the number of signers (2)");
        assertThat(error.get("details").get("signers[1]").get(0).asString()).isEqualTo("duplicates another signer");
        assertThat(error.get("traceId").asString()).isEqualTo(response.header("X-Trace-Id"));
        assertThat(storedEvents()).isEqualTo(before);
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void rejects_malformed_addresses_and_unknown_chain_families() {
        Http.Response response = http.post("/api/v1/wallets", """
                {"organisation":"test-org","name":"x","signers":["0x1234","%s"],"threshold":2,"chainFamily":"EVM"}"""
                .formatted(ALICE));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error").get("details").get("signers[0]").get(0).asString())
                .isEqualTo("EVM address must be 0x followed by 40 hex digits");

        Http.Response family = http.post("/api/v1/wallets", """
                {"organisation":"test-org","name":"x","signers":["%s","%s"],"threshold":2,"chainFamily":"BITCOIN"}"""
                .formatted(ALICE, BOB));
        assertThat(family.status()).isEqualTo(400);
        assertThat(family.json().get("error").get("details").has("chainFamily")).isTrue();
    }

    @Test
    void answers_malformed_json_wrong_types_and_wrong_media_types_in_the_error_format() {
        Http.Response broken = http.post("/api/v1/wallets", "{\"organisation\": ");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().get("error").get("code").asString()).isEqualTo("MALFORMED_REQUEST");

        Http.Response wrongType = http.post("/api/v1/wallets", """
                {"organisation":"test-org","name":"x","signers":[],"threshold":"two","chainFamily":"EVM"}""");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().get("error").get("details").has("threshold")).isTrue();

        Http.Response empty = http.send("POST", "/api/v1/wallets", "application/json", null);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("error").get("code").asString()).isEqualTo("MALFORMED_REQUEST");

        Http.Response text = http.send("POST", "/api/v1/wallets", "text/plain", "hello");
        assertThat(text.status()).isEqualTo(415);
        assertThat(text.json().get("error").get("code").asString()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");

        Http.Response method = http.send("DELETE", "/api/v1/wallets", null, null);
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.json().get("error").get("code").asString()).isEqualTo("METHOD_NOT_ALLOWED");
    }

    @Test
    void answers_not_found_for_unknown_wallets_and_routes() {
        Http.Response unknown = http.get("/api/v1/wallets/" + UUID.randomUUID());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").get("code").asString()).isEqualTo("NOT_FOUND");

        Http.Response badId = http.get("/api/v1/wallets/not-a-uuid");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.json().get("error").get("details").has("walletId")).isTrue();

        Http.Response route = http.get("/api/v1/nothing-here");
        assertThat(route.status()).isEqualTo(404);
        assertThat(route.json().get("error").get("code").asString()).isEqualTo("NOT_FOUND");

        Http.Response rename = http.patch("/api/v1/wallets/" + UUID.randomUUID(), "{\"name\":\"x\"}");
        assertThat(rename.status()).isEqualTo(404);
        assertThat(rename.json().get("error").get("code").asString()).isEqualTo("NOT_FOUND");

        Http.Response stream = http.get("/api/v1/wallets/" + UUID.randomUUID() + "/events", "Accept", "text/event-stream");
        assertThat(stream.status()).isEqualTo(404);
    }

    @Test
    void rejects_invalid_paging_parameters() {
        Http.Response response = http.get("/api/v1/wallets?size=1000&page=-1");
        assertThat(response.status()).isEqualTo(400);
        JsonNode details = response.json().get("error").get("details");
        assertThat(details.has("size")).isTrue();
        assertThat(details.has("page")).isTrue();
    }

    @Test
    void replays_a_creation_with_the_same_idempotency_key_and_refuses_other_content() {
        String org = organisation();
        String body = walletJson(org, "Ops", 2, ALICE, BOB);
        Http.Response first = http.post("/api/v1/wallets", body, "Idempotency-Key", "order-42");
        long afterFirst = storedEvents();
        Http.Response again = http.post("/api/v1/wallets", body, "Idempotency-Key", "order-42");

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(storedEvents()).isEqualTo(afterFirst);

        Http.Response different = http.post("/api/v1/wallets", walletJson(org, "Ops", 2, ALICE, CAROL),
                "Idempotency-Key", "order-42");
        assertThat(different.status()).isEqualTo(409);
        assertThat(different.json().get("error").get("code").asString()).isEqualTo("IDEMPOTENCY_CONFLICT");
        assertThat(storedEvents()).isEqualTo(afterFirst);
    }

    @Test
    void concurrent_duplicates_with_one_idempotency_key_create_exactly_one_wallet() throws Exception {
        String org = organisation();
        String body = walletJson(org, "Race", 2, ALICE, BOB, CAROL);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Http.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> http.post("/api/v1/wallets", body, "Idempotency-Key", "race-1"));
            }
            List<Http.Response> responses = new ArrayList<>();
            for (Future<Http.Response> f : pool.invokeAll(calls)) responses.add(f.get());

            assertThat(responses).allSatisfy(r -> assertThat(r.status()).isEqualTo(201));
            Set<String> locations = responses.stream().map(r -> r.header("Location")).collect(Collectors.toSet());
            assertThat(locations).hasSize(1);
            String id = locations.iterator().next().substring("/api/v1/wallets/".length());
            assertThat(app.jdbc().queryForObject(
                    "SELECT count(*) FROM DomainEventEntry WHERE aggregateIdentifier = ?", Long.class, id)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void streams_a_wallets_events_and_resumes_after_the_last_event_id() throws Exception {
        String id = http.post("/api/v1/wallets", walletJson(organisation(), "Stream", 2, ALICE, BOB))
                .json().get("walletId").asString();
        for (String name : List.of("Stream 1", "Stream 2", "Stream 3")) {
            assertThat(http.patch("/api/v1/wallets/" + id, "{\"name\":\"" + name + "\"}").status()).isEqualTo(204);
        }
        String path = "/api/v1/wallets/" + id + "/events";
        awaitWallet("/api/v1/wallets/" + id);

        List<SseClient.Event> firstTwo;
        try (SseClient sse = SseClient.connect(http, path, null)) {
            assertThat(sse.status()).isEqualTo(200);
            firstTwo = sse.take(2, PROJECTION);
        }
        assertThat(firstTwo).extracting(SseClient.Event::type)
                .containsExactly("CustodyWalletCreated", "CustodyWalletRenamed");
        assertThat(Http.JSON.readTree(firstTwo.get(0).data()).get("walletId").asString()).isEqualTo(id);

        try (SseClient resumed = SseClient.connect(http, path, firstTwo.get(1).id())) {
            List<SseClient.Event> rest = resumed.take(2, PROJECTION);
            assertThat(rest).extracting(e -> Http.JSON.readTree(e.data()).get("name").asString())
                    .containsExactly("Stream 2", "Stream 3");
            assertThat(Long.parseLong(rest.get(0).id())).isGreaterThan(Long.parseLong(firstTwo.get(1).id()));
            assertThat(Long.parseLong(rest.get(1).id())).isGreaterThan(Long.parseLong(rest.get(0).id()));

            // live: an event written while the client is connected arrives once
            http.patch("/api/v1/wallets/" + id, "{\"name\":\"Live\"}");
            List<SseClient.Event> live = resumed.take(1, PROJECTION);
            assertThat(Http.JSON.readTree(live.get(0).data()).get("name").asString()).isEqualTo("Live");
            assertThat(resumed.drain(Duration.ofMillis(2500))).isEmpty();
        }
    }

    @Test
    void a_wallet_shows_its_key_state_failure_retry_and_address_and_streams_each_step() throws Exception {
        var commands = app.context().getBean(org.axonframework.commandhandling.gateway.CommandGateway.class);
        String id = http.post("/api/v1/wallets", walletJson(organisation(), "Keys", 2, ALICE, BOB))
                .json().get("walletId").asString();
        String location = "/api/v1/wallets/" + id;
        var walletId = io.custody.api.wallet.WalletId.parse(id);
        assertThat(awaitWallet(location).has("address")).isFalse();
        // a retry of a wallet whose provisioning has not failed is refused with the error format
        Http.Response early = http.post(location + "/provisioning/retry", "");
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.json().get("error").get("reason").asString()).isEqualTo("PROVISIONING_STATE_CONFLICT");

        commands.sendAndWait(new io.custody.api.wallet.ReportWalletProvisioningWaiting(walletId, 1, "PRIME_POOL_EMPTY"));
        await().atMost(PROJECTION).until(() -> http.get(location).json().has("statusReason"));
        assertThat(http.get(location).json().get("status").asString()).isEqualTo("PENDING_KEY");
        commands.sendAndWait(new io.custody.api.wallet.RecordWalletProvisioningFailure(walletId, 1, "CLUSTER_FAILURE"));
        await().atMost(PROJECTION).until(() -> "PROVISIONING_FAILED".equals(http.get(location).json().get("status").asString()));
        assertThat(http.get(location).json().get("statusReason").asString()).isEqualTo("CLUSTER_FAILURE");

        assertThat(http.post(location + "/provisioning/retry", "").status()).isEqualTo(202);
        await().atMost(PROJECTION).until(() -> "PENDING_KEY".equals(http.get(location).json().get("status").asString()));
        // the activation of the abandoned first attempt is refused; the second attempt's is taken
        String publicKey = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";
        String address = "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf";
        assertThatThrownBy(() -> commands.sendAndWait(new io.custody.api.wallet.ActivateCustodyWallet(walletId, 1,
                "k1", publicKey, address))).isInstanceOf(io.custody.api.error.CommandRejectedException.class);
        commands.sendAndWait(new io.custody.api.wallet.ActivateCustodyWallet(walletId, 2, "k2", publicKey, address));
        await().atMost(PROJECTION).until(() -> "ACTIVE".equals(http.get(location).json().get("status").asString()));
        JsonNode active = http.get(location).json();
        assertThat(active.get("address").asString()).isEqualTo(address);
        assertThat(active.get("publicKey").asString()).isEqualTo(publicKey);
        assertThat(active.has("statusReason")).isFalse();

        try (SseClient sse = SseClient.connect(http, location + "/events", null)) {
            assertThat(sse.take(5, PROJECTION)).extracting(SseClient.Event::type).containsExactly(
                    "CustodyWalletCreated", "WalletProvisioningWaiting", "WalletProvisioningFailed",
                    "WalletProvisioningRetried", "CustodyWalletActivated");
        }
    }

    @Test
    void rejects_a_last_event_id_that_is_not_an_event_id() {
        String id = http.post("/api/v1/wallets", walletJson(organisation(), "S", 2, ALICE, BOB)).json().get("walletId").asString();
        awaitWallet("/api/v1/wallets/" + id);
        Http.Response response = http.get("/api/v1/wallets/" + id + "/events", "Last-Event-ID", "abc");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error").get("details").has("Last-Event-ID")).isTrue();
    }

    @Test
    void carries_the_trace_id_of_a_w3c_traceparent_into_the_error_and_the_logs(CapturedOutput output) {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        Http.Response response = http.get("/api/v1/wallets/" + UUID.randomUUID(),
                "traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");
        assertThat(response.header("X-Trace-Id")).isEqualTo(traceId);
        assertThat(response.json().get("error").get("traceId").asString()).isEqualTo(traceId);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut()).contains(traceId));
    }

    @Test
    void the_embedded_database_acknowledges_a_commit_only_once_it_is_on_disk() {
        assertThat(app.jdbc().queryForObject("SHOW fsync", String.class)).isEqualTo("on");
        assertThat(app.jdbc().queryForObject("SHOW synchronous_commit", String.class)).isEqualTo("on");
    }

    @Test
    void exposes_health_readiness_and_prometheus_metrics() {
        assertThat(http.get("/actuator/health/readiness").json().get("status").asString()).isEqualTo("UP");
        assertThat(http.get("/actuator/health/liveness").json().get("status").asString()).isEqualTo("UP");
        Http.Response metrics = http.get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("http_server_requests_seconds");
    }
}
