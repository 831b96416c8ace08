package io.custody.infra.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custody.infra.support.Http;
import io.custody.infra.support.TestIdentity;
import io.custody.infra.support.RunningApplication;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests that fail before any controller runs (in the HTTP decoder, in URI parsing, or by their size) are answered
 * in the seed's error format with a trace id in body and header, and change nothing. They are sent over raw sockets
 * because HTTP clients refuse to send most of them.
 */
class RequestsRefusedBeforeRoutingTest {

    private static final String SIGNER_A = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    private static final String SIGNER_B = "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359";
    private static final String DESTINATION = "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB";

    @TempDir
    static Path dataDir;
    static RunningApplication app;
    static Http http;
    static String walletId;

    @BeforeAll
    static void start() {
        app = RunningApplication.start(dataDir);
        http = app.http();
        Http.Response created = http.post("/api/v1/wallets", """
                {"name":"Edge","signers":["%s","%s"],"threshold":2,"chainFamily":"EVM"}"""
                .formatted(SIGNER_A, SIGNER_B));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        walletId = created.json().get("walletId").asString();
        await().atMost(Duration.ofSeconds(60)).until(() -> http.get("/api/v1/wallets/" + walletId).status() == 200);
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
    }

    private static long eventsOfWallet() {
        return app.jdbc().queryForObject("SELECT count(*) FROM DomainEventEntry WHERE aggregateIdentifier = ?",
                Long.class, walletId);
    }

    private static long storedEvents() {
        return app.jdbc().queryForObject("SELECT count(*) FROM DomainEventEntry", Long.class);
    }

    private static boolean whitelistIsEmpty() {
        return http.get("/api/v1/wallets/" + walletId).json().get("config").get("whitelist").isEmpty();
    }

    private static RawHttp.Response send(String request) throws Exception {
        try (RawHttp connection = new RawHttp(app.baseUrl())) {
            RawHttp.Response response = connection.write(request).read();
            assertThat(connection.closedByServer()).as("connection closed after the refusal").isTrue();
            return response;
        }
    }

    private static void assertRefused(RawHttp.Response response, int status, String code, String reason,
                                      String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.error().get("code").asString()).isEqualTo(code);
        assertThat(response.error().get("reason").asString()).isEqualTo(reason);
        assertThat(response.error().get("message").asString()).isNotBlank();
        assertThat(response.error().get("details").has(field)).as(response.body()).isTrue();
        String traceId = response.error().get("traceId").asString();
        assertThat(traceId).matches("[0-9a-f]{32}");
        assertThat(response.header("X-Trace-Id")).isEqualTo(traceId);
    }

    @Test
    void a_path_that_does_not_decode_is_answered_400_malformed_uri_with_the_callers_trace_id() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        long before = eventsOfWallet();

        RawHttp.Response response = send("PUT /api/v1/wallets/" + walletId + "/whitelist/%zz HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\ntraceparent: 00-" + traceId + "-00f067aa0ba902b7-01\r\n"
                + "Content-Length: 0\r\n\r\n");

        assertRefused(response, 400, "MALFORMED_REQUEST", "MALFORMED_URI", "uri");
        assertThat(response.error().get("traceId").asString()).isEqualTo(traceId);
        assertThat(eventsOfWallet()).isEqualTo(before);
        assertThat(whitelistIsEmpty()).isTrue();
    }

    @Test
    void a_twenty_thousand_character_uri_is_answered_414_in_the_error_format_and_changes_nothing() throws Exception {
        long before = eventsOfWallet();

        RawHttp.Response response = send("PUT /api/v1/wallets/" + walletId + "/whitelist/" + DESTINATION + "?pad="
                + "a".repeat(20_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n");

        assertRefused(response, 414, "URI_TOO_LONG", "URI_TOO_LONG", "uri");
        assertThat(eventsOfWallet()).isEqualTo(before);
        assertThat(whitelistIsEmpty()).isTrue();
    }

    @Test
    void a_twenty_kilobyte_header_is_answered_431_in_the_error_format_and_changes_nothing() throws Exception {
        long before = eventsOfWallet();

        RawHttp.Response response = send("PUT /api/v1/wallets/" + walletId + "/whitelist/" + DESTINATION
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + "b".repeat(20 * 1024) + "\r\n"
                + "Content-Length: 0\r\n\r\n");

        assertRefused(response, 431, "HEADERS_TOO_LARGE", "HEADERS_TOO_LARGE", "headers");
        assertThat(eventsOfWallet()).isEqualTo(before);
        assertThat(whitelistIsEmpty()).isTrue();
    }

    @Test
    void a_five_megabyte_body_is_answered_413_while_it_is_still_being_sent_and_stores_nothing() throws Exception {
        byte[] body = walletWithNameOf(5 * 1024 * 1024);
        long before = storedEvents();
        RawHttp.Response response;
        try (RawHttp connection = new RawHttp(app.baseUrl())) {
            connection.write("POST /api/v1/wallets HTTP/1.1\r\nHost: 127.0.0.1\r\n" + authorization()
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n");
            // The server answers before the body is through; the client keeps sending, as real clients do, and must
            // still be able to read the answer instead of a connection reset.
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                try {
                    connection.write(body);
                } catch (Exception e) {
                    throw new IllegalStateException("sending the body failed", e);
                }
            });
            response = connection.read();
            sending.get(30, TimeUnit.SECONDS);
            assertThat(connection.closedByServer()).isTrue();
        }

        assertRefused(response, 413, "CONTENT_TOO_LARGE", "REQUEST_TOO_LARGE", "body");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void a_chunked_body_over_the_limit_is_answered_413_in_the_error_format_and_stores_nothing() throws Exception {
        byte[] body = walletWithNameOf(1024 * 1024);
        long before = storedEvents();
        RawHttp.Response response;
        try (RawHttp connection = new RawHttp(app.baseUrl())) {
            connection.write("POST /api/v1/wallets HTTP/1.1\r\nHost: 127.0.0.1\r\n" + authorization()
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                try {
                    for (int offset = 0; offset < body.length; offset += 16 * 1024) {
                        int size = Math.min(16 * 1024, body.length - offset);
                        connection.write(Integer.toHexString(size) + "\r\n");
                        connection.write(Arrays.copyOfRange(body, offset, offset + size));
                        connection.write("\r\n");
                    }
                    connection.write("0\r\n\r\n");
                } catch (Exception e) {
                    throw new IllegalStateException("sending the body failed", e);
                }
            });
            response = connection.read();
            sending.get(30, TimeUnit.SECONDS);
        }

        assertRefused(response, 413, "CONTENT_TOO_LARGE", "REQUEST_TOO_LARGE", "body");
        assertThat(storedEvents()).isEqualTo(before);
    }

    /** The test administrator's credentials as a raw header line: size limits are checked after authentication. */
    private static String authorization() {
        return "Authorization: Bearer " + TestIdentity.adminToken(app.baseUrl(), app.dataDir()) + "\r\n";
    }

    /** A wallet creation that would be valid but for the size of its name. */
    private static byte[] walletWithNameOf(int size) {
        return ("{\"signers\":[\"" + SIGNER_A + "\",\"" + SIGNER_B + "\"],"
                + "\"threshold\":2,\"chainFamily\":\"EVM\",\"name\":\"" + "n".repeat(size) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
