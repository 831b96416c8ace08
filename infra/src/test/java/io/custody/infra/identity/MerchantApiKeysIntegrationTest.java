package io.custody.infra.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custody.infra.support.Http;
import io.custody.infra.support.RunningApplication;
import io.custody.infra.support.SignerKeys;
import io.custody.infra.support.TestIdentity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * Merchant API keys end to end (ADR identity-030), on one running application: an administrator issues a key, the
 * merchant's system routes a payment with it, the key is refused everywhere else and for every other merchant, a
 * tampered secret is refused, a revocation is in force on the very next request, and the secret is in no table (event
 * store, read models, audit log, directory) and no log line.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MerchantApiKeysIntegrationTest {

    static final String MERCHANT = "kiosk-a";
    static final String SIBLING = "kiosk-b";
    static final String FOREIGN = "rival-kiosk";

    @TempDir
    static Path dataDir;
    static RunningApplication app;
    static Http admin;
    static Http rivalAdmin;
    /** The key as issued, and its parts: every check below that the secret never shows up looks for these. */
    static String apiKey;
    static String keyId;
    static String secret;
    static Http merchant;

    @BeforeAll
    static void start() {
        app = RunningApplication.start(dataDir);
        admin = app.http();
        Http.Response wallet = admin.post("/api/v1/wallets", """
                {"name":"Kiosk escrow","signers":["%s","%s"],"threshold":2,"chainFamily":"EVM"}"""
                .formatted(SignerKeys.Evm.of(61).address(), SignerKeys.Evm.of(62).address()));
        assertThat(wallet.status()).as(wallet.body()).isEqualTo(201);
        register(admin, MERCHANT, ",\"custodyWalletId\":\"" + wallet.json().get("walletId").asString()
                + "\",\"custodyAddress\":\"0x" + "cc".repeat(20) + "\"");
        register(admin, SIBLING, "");
        rivalAdmin = TestIdentity.newOrganisation(app, "rival-org");
        register(rivalAdmin, FOREIGN, "");
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
    }

    static void register(Http as, String merchant, String custody) {
        Http.Response registered = as.post("/api/v1/merchants", """
                {"merchantId":"%s","name":"Kiosk","directWallet":"0x%s"%s}""".formatted(merchant, "dd".repeat(20),
                custody));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    }

    static Http.Response pay(Http as, String merchant) {
        return as.post("/api/v1/merchants/" + merchant + "/payments", """
                {"paymentId":"order-%s","token":"USDC","amount":"25"}""".formatted(UUID.randomUUID()),
                "Idempotency-Key", "key-" + UUID.randomUUID());
    }

    static String reason(Http.Response response) {
        return response.json().get("error").get("reason").asString();
    }

    @Test
    @Order(1)
    void an_administrator_issues_a_key_shown_once_with_which_the_merchant_routes_its_payments() {
        Http.Response issued = admin.post("/api/v1/merchants/" + MERCHANT + "/api-keys",
                "{\"label\":\"Till 1\",\"scopes\":[\"ROUTE_PAYMENTS\",\"READ_PAYMENTS\"]}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        apiKey = issued.json().get("apiKey").asString();
        keyId = issued.json().get("keyId").asString();
        assertThat(apiKey).matches("mk_[0-9a-f]{32}_[A-Za-z0-9_-]{43}").startsWith("mk_" + keyId + "_");
        secret = apiKey.substring(("mk_" + keyId + "_").length());
        assertThat(issued.header("Location")).isEqualTo("/api/v1/merchants/" + MERCHANT + "/api-keys/" + keyId);
        merchant = admin.anonymous().withToken(apiKey);

        Http.Response routed = pay(merchant, MERCHANT);
        assertThat(routed.status()).as(routed.body()).isEqualTo(200);
        assertThat(routed.json().get("routing").asString()).isEqualTo("ESCROW");
        String paymentId = routed.json().get("paymentId").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> merchant.get("/api/v1/merchants/" + MERCHANT + "/payments")
                .body().contains(paymentId));

        // the list shows the key, never its secret; its last use is recorded
        Http.Response listed = admin.get("/api/v1/merchants/" + MERCHANT + "/api-keys");
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.json().size()).isEqualTo(1);
        JsonNode key = listed.json().get(0);
        assertThat(key.get("keyId").asString()).isEqualTo(keyId);
        assertThat(key.get("label").asString()).isEqualTo("Till 1");
        assertThat(key.get("revoked").asBoolean()).isFalse();
        assertThat(key.get("lastUsedAt").isNull()).isFalse();
        assertThat(listed.body()).doesNotContain(secret).doesNotContain("secret");

        // the caller of the payment is the key, in the event's metadata and in the audit log
        String metaData = app.jdbc().queryForObject("""
                SELECT convert_from(metaData, 'UTF8') FROM DomainEventEntry
                WHERE aggregateIdentifier = ? AND payloadType LIKE '%PaymentRouted'""", String.class, MERCHANT);
        assertThat(metaData).contains("\"callerKind\":\"MERCHANT_API_KEY\"", "\"callerId\":\"" + MERCHANT + "\"",
                "\"credentialId\":\"merchant-api-key:" + keyId + "\"",
                "\"organisation\":\"" + TestIdentity.ORGANISATION);
        await().atMost(Duration.ofSeconds(30)).until(() -> !app.jdbc().queryForList(
                "SELECT actor FROM audit_record WHERE event_type = 'PaymentRouted' AND aggregate_id = ?",
                String.class, MERCHANT).isEmpty());
        assertThat(app.jdbc().queryForList("SELECT actor FROM audit_record WHERE event_type = 'PaymentRouted' "
                + "AND aggregate_id = ?", String.class, MERCHANT)).containsExactly("merchant-api-key:" + keyId);
    }

    @Test
    @Order(2)
    void the_key_is_refused_on_every_route_that_is_not_its_merchants_payments() {
        List<Http.Response> refused = List.of(
                merchant.get("/api/v1/wallets"),
                merchant.get("/api/v1/me"),
                merchant.post("/api/v1/merchants", "{\"merchantId\":\"sneaky\",\"name\":\"x\",\"directWallet\":\"0x"
                        + "dd".repeat(20) + "\"}"),
                merchant.post("/api/v1/merchants/" + MERCHANT + "/api-keys", "{\"label\":\"More\"}"),
                merchant.get("/api/v1/merchants/" + MERCHANT + "/api-keys"),
                merchant.delete("/api/v1/merchants/" + MERCHANT + "/api-keys/" + keyId),
                merchant.get("/api/v1/audit/log"));
        for (Http.Response response : refused) {
            assertThat(response.status()).as(response.body()).isEqualTo(403);
            assertThat(reason(response)).isEqualTo("MERCHANT_KEY_SCOPE");
        }
        // a key issued for reading only cannot route
        Http.Response readOnly = admin.post("/api/v1/merchants/" + MERCHANT + "/api-keys",
                "{\"label\":\"Reports\",\"scopes\":[\"READ_PAYMENTS\"]}");
        assertThat(readOnly.status()).as(readOnly.body()).isEqualTo(201);
        Http reports = admin.anonymous().withToken(readOnly.json().get("apiKey").asString());
        Http.Response routed = pay(reports, MERCHANT);
        assertThat(routed.status()).as(routed.body()).isEqualTo(403);
        assertThat(reason(routed)).isEqualTo("MERCHANT_KEY_SCOPE");
        assertThat(reports.get("/api/v1/merchants/" + MERCHANT + "/payments").status()).isEqualTo(200);
    }

    /**
     * Another merchant is answered as a missing one, whether of the key's organisation or of another: 404 with the
     * reason a merchant that does not exist gets, so a key cannot even learn which merchants exist (ADR
     * identity-001's tenant rule, applied to the merchant a key belongs to).
     */
    @Test
    @Order(3)
    void another_merchants_payment_routes_answer_404_exactly_as_a_missing_merchants() {
        Http.Response missingPost = pay(merchant, "no-such-kiosk");
        Http.Response missingGet = merchant.get("/api/v1/merchants/no-such-kiosk/payments");
        assertThat(missingPost.status()).isEqualTo(404);
        assertThat(missingGet.status()).isEqualTo(404);
        for (String other : List.of(SIBLING, FOREIGN)) {
            Http.Response post = pay(merchant, other);
            assertThat(post.status()).as(post.body()).isEqualTo(404);
            assertThat(reason(post)).isEqualTo(reason(missingPost));
            assertThat(post.json().get("error").get("message").asString())
                    .isEqualTo(missingPost.json().get("error").get("message").asString());
            Http.Response get = merchant.get("/api/v1/merchants/" + other + "/payments");
            assertThat(get.status()).as(get.body()).isEqualTo(404);
            assertThat(reason(get)).isEqualTo(reason(missingGet));
        }
        assertThat(app.jdbc().queryForObject("SELECT count(*) FROM DomainEventEntry WHERE payloadType LIKE "
                + "'%PaymentRouted' AND aggregateIdentifier IN (?, ?)", Long.class, SIBLING, FOREIGN)).isZero();
        // the other organisation's administrator does not see the key either
        assertThat(rivalAdmin.get("/api/v1/merchants/" + MERCHANT + "/api-keys").status()).isEqualTo(404);
        assertThat(rivalAdmin.delete("/api/v1/merchants/" + MERCHANT + "/api-keys/" + keyId).status()).isEqualTo(404);
    }

    @Test
    @Order(4)
    void a_tampered_secret_an_unknown_key_id_and_a_malformed_key_are_401(CapturedOutput output) {
        char last = secret.charAt(secret.length() - 1);
        String tampered = "mk_" + keyId + "_" + secret.substring(0, secret.length() - 1) + (last == 'A' ? 'B' : 'A');
        String unknown = "mk_" + "0".repeat(32) + "_" + secret;
        List<String> wrong = List.of(tampered, unknown, "mk_" + keyId, "mk_" + keyId + "_" + secret + "x",
                "mk_" + keyId.toUpperCase() + "_" + secret);
        for (String key : wrong) {
            Http.Response response = pay(admin.anonymous().withToken(key), MERCHANT);
            assertThat(response.status()).as(key + " -> " + response.body()).isEqualTo(401);
            assertThat(reason(response)).isEqualTo("TOKEN_INVALID");
            assertThat(response.header("WWW-Authenticate")).contains("invalid_token");
            assertThat(response.body()).doesNotContain(secret).doesNotContain(keyId);
        }
        assertThat(output.getAll()).doesNotContain(secret);
    }

    /** The expiry is the directory's check: a key past it is refused like an unknown one (moved into the past here). */
    @Test
    @Order(4)
    void a_key_past_its_expiry_is_401() {
        Http.Response issued = admin.post("/api/v1/merchants/" + MERCHANT + "/api-keys",
                "{\"label\":\"Short-lived\",\"expiresAt\":\"2099-01-01T00:00:00Z\"}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        assertThat(issued.json().get("expiresAt").asString()).isEqualTo("2099-01-01T00:00:00Z");
        Http shortLived = admin.anonymous().withToken(issued.json().get("apiKey").asString());
        assertThat(shortLived.get("/api/v1/merchants/" + MERCHANT + "/payments").status()).isEqualTo(200);
        app.adminJdbc().update("UPDATE identity_merchant_api_key SET expires_at = now() - interval '1 second' "
                + "WHERE key_id = ?", issued.json().get("keyId").asString());
        Http.Response expired = shortLived.get("/api/v1/merchants/" + MERCHANT + "/payments");
        assertThat(expired.status()).as(expired.body()).isEqualTo(401);
        assertThat(reason(expired)).isEqualTo("TOKEN_INVALID");
        Http.Response past = admin.post("/api/v1/merchants/" + MERCHANT + "/api-keys",
                "{\"label\":\"Dead on arrival\",\"expiresAt\":\"2020-01-01T00:00:00Z\"}");
        assertThat(past.status()).as(past.body()).isEqualTo(400);
        assertThat(reason(past)).isEqualTo("EXPIRY_OUT_OF_RANGE");
    }

    @Test
    @Order(5)
    void a_revoked_key_is_refused_on_the_very_next_request_and_stays_revoked() {
        assertThat(pay(merchant, MERCHANT).status()).isEqualTo(200);
        Http.Response revoked = admin.delete("/api/v1/merchants/" + MERCHANT + "/api-keys/" + keyId);
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(204);

        Http.Response after = pay(merchant, MERCHANT);
        assertThat(after.status()).as(after.body()).isEqualTo(401);
        assertThat(reason(after)).isEqualTo("TOKEN_INVALID");
        assertThat(merchant.get("/api/v1/merchants/" + MERCHANT + "/payments").status()).isEqualTo(401);

        // revoking again changes nothing and records nothing
        assertThat(admin.delete("/api/v1/merchants/" + MERCHANT + "/api-keys/" + keyId).status()).isEqualTo(204);
        assertThat(app.jdbc().queryForObject("SELECT count(*) FROM DomainEventEntry WHERE aggregateIdentifier = ? "
                + "AND payloadType LIKE '%MerchantApiKeyRevoked'", Long.class, MERCHANT)).isEqualTo(1L);
        JsonNode listed = admin.get("/api/v1/merchants/" + MERCHANT + "/api-keys").json();
        JsonNode key = null;
        for (JsonNode k : listed) if (k.get("keyId").asString().equals(keyId)) key = k;
        assertThat(key).isNotNull();
        assertThat(key.get("revoked").asBoolean()).isTrue();
        assertThat(key.get("revokedAt").isNull()).isFalse();
        Http.Response unknownKey = admin.delete("/api/v1/merchants/" + MERCHANT + "/api-keys/" + "f".repeat(32));
        assertThat(unknownKey.status()).isEqualTo(404);
        assertThat(reason(unknownKey)).isEqualTo("KEY_NOT_FOUND");
    }

    /**
     * Every row of every table (event store, sagas, read models, audit log, identity directory), as text: the secret
     * is in none, neither as text nor as the hex of its bytes (how bytea columns such as the event payloads print). The
     * scan is not vacuous: it finds the key's id and the secret's hash where they belong.
     */
    @Test
    @Order(6)
    void the_secret_is_in_no_table_and_no_log_line(CapturedOutput output) {
        var jdbc = app.adminJdbc();
        List<Map<String, Object>> tables = jdbc.queryForList("""
                SELECT table_schema, table_name FROM information_schema.tables
                WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')""");
        assertThat(tables).hasSizeGreaterThan(10);
        String secretHex = HexFormat.of().formatHex(secret.getBytes(StandardCharsets.UTF_8));
        String keyIdHex = HexFormat.of().formatHex(keyId.getBytes(StandardCharsets.UTF_8));
        String hash = io.custody.command.identity.Secrets.hash(secret);
        List<String> leaks = new ArrayList<>();
        List<String> keyIdFoundIn = new ArrayList<>();
        List<String> hashFoundIn = new ArrayList<>();
        for (Map<String, Object> table : tables) {
            String name = "\"" + table.get("table_schema") + "\".\"" + table.get("table_name") + "\"";
            jdbc.query("SELECT t::text FROM " + name + " t", rs -> {
                String row = rs.getString(1);
                if (row.contains(secret) || row.contains(secretHex)) leaks.add(name);
                if (row.contains(keyId) || row.contains(keyIdHex)) keyIdFoundIn.add(name);
                if (row.contains(hash)) hashFoundIn.add(name);
            });
        }
        assertThat(leaks).isEmpty();
        assertThat(keyIdFoundIn).anyMatch(t -> t.contains("domainevententry")).anyMatch(t -> t.contains("audit_record"))
                .anyMatch(t -> t.contains("identity_merchant_api_key"));
        assertThat(hashFoundIn).anyMatch(t -> t.contains("identity_merchant_api_key"));
        assertThat(output.getAll()).isNotEmpty().doesNotContain(secret);
    }
}
