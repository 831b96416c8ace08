package io.custody.infra.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custody.infra.support.Http;
import io.custody.infra.support.SignerKeys;
import io.custody.infra.support.RunningApplication;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Payment routing through HTTP (seed Properties 3, 4, 5), including duplicates that arrive at the same moment, and
 * the wallet policy endpoints reflected in the wallet's read model.
 */
class PaymentRoutingIntegrationTest {

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

    static String custodyWallet() {
        Http.Response created = http.post("/api/v1/wallets", """
                {"name":"Escrow","signers":["%s","%s"],"threshold":2,"chainFamily":"EVM"}"""
                .formatted(SignerKeys.Evm.of(41).address(), SignerKeys.Evm.of(42).address()));
        return created.json().get("walletId").asString();
    }

    static void register(String merchant, String walletId) {
        String custody = walletId == null ? "" : """
                ,"custodyWalletId":"%s","custodyAddress":"0x%s\"""".formatted(walletId, "cc".repeat(20));
        Http.Response r = http.post("/api/v1/merchants", """
                {"merchantId":"%s","name":"Shop","directWallet":"0x%s"%s}""".formatted(merchant, "dd".repeat(20), custody));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    static List<Http.Response> concurrently(int n, Callable<Http.Response> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Callable<Http.Response>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                calls.add(() -> {
                    start.await();
                    return call.call();
                });
            }
            List<Future<Http.Response>> futures = new ArrayList<>();
            for (Callable<Http.Response> c : calls) futures.add(pool.submit(c));
            start.countDown();
            List<Http.Response> responses = new ArrayList<>();
            for (Future<Http.Response> f : futures) responses.add(f.get());
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_merchant_with_custody_is_paid_into_escrow_and_the_escrow_transaction_is_complete() {
        String walletId = custodyWallet();
        register("escrow-shop", walletId);
        Http.Response routed = http.post("/api/v1/merchants/escrow-shop/payments",
                "{\"paymentId\":\"order-7\",\"payer\":\"0xpayer\",\"token\":\"USDC\",\"amount\":\"1500\"}",
                "Idempotency-Key", "order-7-try");
        assertThat(routed.status()).as(routed.body()).isEqualTo(200);
        assertThat(routed.json().get("routing").asString()).isEqualTo("ESCROW");
        assertThat(routed.json().get("destination").get("value").asString()).isEqualTo("0x" + "cc".repeat(20));

        await().atMost(Duration.ofSeconds(30)).until(() ->
                http.get("/api/v1/wallets/" + walletId + "/escrow-transactions").json().size() == 1);
        var tx = http.get("/api/v1/wallets/" + walletId + "/escrow-transactions").json().get(0);
        assertThat(tx.get("paymentId").asString()).isEqualTo("order-7");
        assertThat(tx.get("amount").asString()).isEqualTo("1500");
        assertThat(tx.get("token").asString()).isEqualTo("USDC");
        assertThat(tx.get("idempotencyKey").asString()).isEqualTo("order-7-try");
        assertThat(tx.get("routedAt").asString()).isNotBlank();
    }

    @Test
    void a_merchant_without_custody_is_paid_directly() {
        register("direct-shop", null);
        Http.Response routed = http.post("/api/v1/merchants/direct-shop/payments",
                "{\"paymentId\":\"o-1\",\"token\":\"USDC\",\"amount\":\"5\"}", "Idempotency-Key", "o-1");
        assertThat(routed.json().get("routing").asString()).isEqualTo("DIRECT");
    }

    @Test
    void concurrent_duplicates_with_one_key_get_one_result_and_store_one_payment() throws Exception {
        register("race-shop", custodyWallet());
        String body = "{\"paymentId\":\"race-1\",\"token\":\"USDC\",\"amount\":\"10\"}";
        List<Http.Response> responses = concurrently(8, () ->
                http.post("/api/v1/merchants/race-shop/payments", body, "Idempotency-Key", "race-key"));
        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(200));
        Set<String> bodies = responses.stream().map(Http.Response::body).collect(Collectors.toSet());
        assertThat(bodies).hasSize(1);
        assertThat(app.jdbc().queryForObject(
                "SELECT count(*) FROM DomainEventEntry WHERE aggregateIdentifier = 'race-shop' "
                        + "AND payloadType LIKE '%PaymentRouted'", Long.class)).isEqualTo(1);
    }

    @Test
    void concurrent_requests_with_one_key_and_different_payloads_store_one_and_refuse_the_others() throws Exception {
        register("clash-shop", custodyWallet());
        List<Http.Response> responses = concurrently(6, () -> {
            long amount = 1 + (Thread.currentThread().getId() % 1000);
            return http.post("/api/v1/merchants/clash-shop/payments",
                    "{\"paymentId\":\"clash-1\",\"token\":\"USDC\",\"amount\":\"" + amount + "\"}",
                    "Idempotency-Key", "clash-key");
        });
        long ok = responses.stream().filter(r -> r.status() == 200).count();
        assertThat(ok).isGreaterThanOrEqualTo(1);
        assertThat(responses).allSatisfy(r -> {
            if (r.status() != 200) {
                assertThat(r.status()).isEqualTo(409);
                assertThat(r.json().get("error").get("code").asString()).isEqualTo("IDEMPOTENCY_CONFLICT");
            }
        });
        assertThat(app.jdbc().queryForObject(
                "SELECT count(*) FROM DomainEventEntry WHERE aggregateIdentifier = 'clash-shop' "
                        + "AND payloadType LIKE '%PaymentRouted'", Long.class)).isEqualTo(1);
    }

    @Test
    void a_payment_without_idempotency_key_or_with_a_bad_amount_is_refused_with_field_details() {
        register("strict-shop", null);
        Http.Response r = http.post("/api/v1/merchants/strict-shop/payments",
                "{\"paymentId\":\"x\",\"token\":\"USDC\",\"amount\":\"1.5\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").get("details").has("Idempotency-Key")).isTrue();
        assertThat(r.json().get("error").get("details").has("amount")).isTrue();
    }

    @Test
    void policy_changes_show_in_the_wallets_read_model() {
        String walletId = custodyWallet();
        String base = "/api/v1/wallets/" + walletId;
        assertThat(http.send("PUT", base + "/withdrawal-delay", "application/json", "{\"hours\":12}").status())
                .isEqualTo(204);
        assertThat(http.send("PUT", base + "/limits/USDC", "application/json",
                "{\"single\":\"100\",\"daily\":\"500\"}").status()).isEqualTo(204);
        assertThat(http.send("PUT", base + "/whitelist/0x" + "ab".repeat(20), null, null).status()).isEqualTo(204);
        assertThat(http.send("PUT", base + "/status", "application/json", "{\"status\":\"suspended\",\"reason\":\"audit\"}")
                .status()).isEqualTo(204);
        Http.Response bad = http.send("PUT", base + "/threshold", "application/json", "{\"threshold\":5}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").get("details").has("threshold")).isTrue();

        await().atMost(Duration.ofSeconds(30)).until(() ->
                "SUSPENDED".equals(http.get(base).json().get("config").get("status").asString()));
        var config = http.get(base).json().get("config");
        assertThat(config.get("withdrawalDelayHours").asInt()).isEqualTo(12);
        assertThat(config.get("limits").get("USDC").get("single").asString()).isEqualTo("100");
        assertThat(config.get("limits").get("USDC").has("weekly")).isFalse();
        assertThat(config.get("whitelist").get(0).asString()).isEqualTo("0x" + "ab".repeat(20));

        Http.Response refused = Proposals.propose(http, walletId, SignerKeys.Evm.of(41), "0x" + "ab".repeat(20), 1, 60);
        assertThat(refused.status()).isEqualTo(409);
    }
}
