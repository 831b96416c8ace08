package io.custody.infra.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custody.infra.support.Http;
import io.custody.infra.support.RunningApplication;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Input a new user gets wrong is refused with an answer naming the field and a stable reason, and nothing of it is
 * stored: broken EIP-55 checksums wherever an address goes, JSON values of the wrong type (no coercion), text that
 * is not Unicode or holds control characters, and references to custody wallets that do not exist.
 */
class BadInputIsRefusedTest {

    private static final String SIGNER_A = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    private static final String SIGNER_B = "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359";
    /** {@link #SIGNER_A} with the case of its last letter flipped: the EIP-55 checksum no longer matches. */
    private static final String BROKEN_CHECKSUM = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD";
    private static final String CUSTODY_ADDRESS = "0x" + "cc".repeat(20);

    @TempDir
    static Path dataDir;
    static RunningApplication app;
    static Http http;
    static String walletId;

    @BeforeAll
    static void start() {
        app = RunningApplication.start(dataDir);
        http = app.http();
        Http.Response created = http.post("/api/v1/wallets", walletJson("test-org", "\"Treasury\"", "2"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        walletId = created.json().get("walletId").asString();
        await().atMost(Duration.ofSeconds(60)).until(() -> http.get("/api/v1/wallets/" + walletId).status() == 200);
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
    }

    private static String walletJson(String organisation, String name, String threshold) {
        return """
                {"organisation":"%s","name":%s,"signers":["%s","%s"],"threshold":%s,"chainFamily":"EVM"}"""
                .formatted(organisation, name, SIGNER_A, SIGNER_B, threshold);
    }

    private static long storedEvents() {
        return app.jdbc().queryForObject("SELECT count(*) FROM DomainEventEntry", Long.class);
    }

    private static long eventsOf(String aggregateId) {
        return app.jdbc().queryForObject("SELECT count(*) FROM DomainEventEntry WHERE aggregateIdentifier = ?",
                Long.class, aggregateId);
    }

    private static JsonNode wallet() {
        return http.get("/api/v1/wallets/" + walletId).json();
    }

    /** Asserts the answer and returns the field's first problem. */
    private static String assertRefused(Http.Response response, String code, String reason, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        JsonNode error = response.json().get("error");
        assertThat(error.get("code").asString()).as(response.body()).isEqualTo(code);
        assertThat(error.get("reason").asString()).as(response.body()).isEqualTo(reason);
        assertThat(error.get("details").has(field)).as(response.body()).isTrue();
        String traceId = error.get("traceId").asString();
        assertThat(traceId).matches("[0-9a-f]{32}");
        assertThat(response.header("X-Trace-Id")).isEqualTo(traceId);
        return error.get("details").get(field).get(0).asString();
    }

    @Test
    void a_whitelist_address_with_a_broken_checksum_is_refused_and_the_whitelist_stays_empty() {
        long before = eventsOf(walletId);

        Http.Response response = http.send("PUT", "/api/v1/wallets/" + walletId + "/whitelist/" + BROKEN_CHECKSUM,
                null, null);

        assertThat(assertRefused(response, "VALIDATION_ERROR", "ADDRESS_CHECKSUM_MISMATCH", "address"))
                .contains("EIP-55");
        assertThat(eventsOf(walletId)).isEqualTo(before);
        assertThat(wallet().get("config").get("whitelist").isEmpty()).isTrue();
    }

    @Test
    void a_merchant_direct_wallet_with_a_broken_checksum_is_refused_and_no_merchant_is_stored() {
        Http.Response response = http.post("/api/v1/merchants", """
                {"merchantId":"checksum-shop","name":"Shop","directWallet":"%s"}""".formatted(BROKEN_CHECKSUM));

        assertRefused(response, "VALIDATION_ERROR", "ADDRESS_CHECKSUM_MISMATCH", "directWallet");
        assertThat(eventsOf("checksum-shop")).isZero();
    }

    @Test
    void a_boolean_organisation_is_refused_as_a_wrong_json_type_instead_of_becoming_the_text_true() {
        long before = storedEvents();

        Http.Response response = http.post("/api/v1/wallets", walletJson("test-org", "\"X\"", "2")
                .replace("\"organisation\":\"test-org\"", "\"organisation\":true"));

        assertThat(assertRefused(response, "MALFORMED_REQUEST", "WRONG_JSON_TYPE", "organisation"))
                .isEqualTo("must be a JSON string");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void a_fractional_threshold_is_refused_instead_of_being_stored_rounded_down() {
        long before = storedEvents();

        Http.Response fraction = http.post("/api/v1/wallets", walletJson("test-org", "\"X\"", "2.5"));
        Http.Response quoted = http.post("/api/v1/wallets", walletJson("test-org", "\"X\"", "\"2\""));
        Http.Response numberForName = http.post("/api/v1/wallets", walletJson("test-org", "42", "2"));

        assertThat(assertRefused(fraction, "MALFORMED_REQUEST", "WRONG_JSON_TYPE", "threshold"))
                .startsWith("must be a JSON integer");
        assertRefused(quoted, "MALFORMED_REQUEST", "WRONG_JSON_TYPE", "threshold");
        assertRefused(numberForName, "MALFORMED_REQUEST", "WRONG_JSON_TYPE", "name");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void a_name_with_an_unpaired_surrogate_is_refused_and_the_name_stays_as_it_was() {
        long before = eventsOf(walletId);

        Http.Response response = http.patch("/api/v1/wallets/" + walletId, "{\"name\":\"Tr\\ud800easury\"}");

        assertThat(assertRefused(response, "MALFORMED_REQUEST", "INVALID_UNICODE", "name"))
                .contains("unpaired UTF-16 surrogate");
        assertThat(eventsOf(walletId)).isEqualTo(before);
        assertThat(wallet().get("name").asString()).isEqualTo("Treasury");
    }

    @Test
    void a_name_with_a_control_character_is_refused_and_the_name_stays_as_it_was() {
        long before = eventsOf(walletId);

        Http.Response response = http.patch("/api/v1/wallets/" + walletId, "{\"name\":\"Tre\\u0007asury\"}");

        assertThat(assertRefused(response, "VALIDATION_ERROR", "INVALID_TEXT", "name")).contains("control");
        assertThat(eventsOf(walletId)).isEqualTo(before);
        assertThat(wallet().get("name").asString()).isEqualTo("Treasury");
    }

    @Test
    void a_merchant_naming_a_custody_wallet_that_does_not_exist_is_refused_and_no_merchant_is_stored() {
        Http.Response response = http.post("/api/v1/merchants", """
                {"merchantId":"ghost-shop","name":"Shop","directWallet":"%s",
                 "custodyWalletId":"00000000-0000-4000-8000-000000000001","custodyAddress":"%s"}"""
                .formatted(SIGNER_B, CUSTODY_ADDRESS));

        assertThat(assertRefused(response, "VALIDATION_ERROR", "UNKNOWN_WALLET", "custodyWalletId"))
                .isEqualTo("no custody wallet has this id");
        assertThat(eventsOf("ghost-shop")).isZero();

        Http.Response existing = http.post("/api/v1/merchants", """
                {"merchantId":"real-shop","name":"Shop","directWallet":"%s",
                 "custodyWalletId":"%s","custodyAddress":"%s"}""".formatted(SIGNER_B, walletId, CUSTODY_ADDRESS));
        assertThat(existing.status()).as(existing.body()).isEqualTo(201);
    }

    @Test
    void where_several_fields_fail_the_reason_is_the_first_ones_and_every_field_is_named() {
        long before = storedEvents();

        Http.Response response = http.post("/api/v1/wallets", """
                {"organisation":"Not A Slug","name":"X","signers":["%s","0x1234"],"threshold":2,"chainFamily":"EVM"}"""
                .formatted(BROKEN_CHECKSUM));

        assertRefused(response, "VALIDATION_ERROR", "INVALID_ID", "organisation");
        JsonNode details = response.json().get("error").get("details");
        assertThat(details.get("signers[0]").get(0).asString()).contains("EIP-55");
        assertThat(details.has("signers[1]")).isTrue();
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void a_payment_of_zero_is_refused_as_an_amount_that_is_not_positive() {
        Http.Response merchant = http.post("/api/v1/merchants", """
                {"merchantId":"zero-shop","name":"Shop","directWallet":"%s"}""".formatted(SIGNER_B));
        assertThat(merchant.status()).as(merchant.body()).isEqualTo(201);
        long before = eventsOf("zero-shop");

        Http.Response response = http.post("/api/v1/merchants/zero-shop/payments",
                "{\"paymentId\":\"p-1\",\"token\":\"USDC\",\"amount\":\"0\"}", "Idempotency-Key", "p-1");

        assertRefused(response, "VALIDATION_ERROR", "AMOUNT_NOT_POSITIVE", "amount");
        assertThat(eventsOf("zero-shop")).isEqualTo(before);
    }

    @Test
    void malformed_json_and_a_missing_body_get_reasons_of_their_own() {
        Http.Response broken = http.post("/api/v1/wallets", "{\"organisation\": ");
        Http.Response missing = http.send("PATCH", "/api/v1/wallets/" + walletId, "application/json", null);
        Http.Response array = http.post("/api/v1/wallets", "[]");

        assertThat(assertRefused(broken, "MALFORMED_REQUEST", "MALFORMED_JSON", "body")).contains("line 1");
        assertRefused(missing, "MALFORMED_REQUEST", "BODY_REQUIRED", "body");
        assertRefused(array, "MALFORMED_REQUEST", "WRONG_JSON_TYPE", "body");
    }
}
