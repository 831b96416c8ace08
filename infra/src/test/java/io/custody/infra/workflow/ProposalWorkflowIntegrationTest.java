package io.custody.infra.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custody.api.deposit.ConfirmDeposit;
import io.custody.api.deposit.DepositId;
import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.WalletId;
import io.custody.infra.support.Http;
import io.custody.infra.support.SignerKeys;
import io.custody.infra.support.RunningApplication;
import io.custody.infra.support.SseClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The withdrawal workflow through HTTP on the real application: proposals signed with real EIP-712 and Ed25519
 * signatures made by test keys from exactly what the API serves, expiry by the persistent deadline manager, and the
 * seed's error format for every refusal.
 */
class ProposalWorkflowIntegrationTest {

    static final SignerKeys.Evm ALICE = SignerKeys.Evm.of(11);
    static final SignerKeys.Evm BOB = SignerKeys.Evm.of(12);
    static final SignerKeys.Evm CAROL = SignerKeys.Evm.of(13);
    static final SignerKeys.Evm MALLORY = SignerKeys.Evm.of(99);
    static final SignerKeys.Aptos APTOS_ALICE = SignerKeys.Aptos.of(21);
    static final SignerKeys.Aptos APTOS_BOB = SignerKeys.Aptos.of(22);
    static final String PAYEE = "0x" + "ab".repeat(20);

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

    static String wallet(String family, String... signers) {
        String list = String.join("\",\"", signers);
        Http.Response created = http.post("/api/v1/wallets", """
                {"name":"Workflow","signers":["%s"],"threshold":2,"chainFamily":"%s"}"""
                .formatted(list, family));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("walletId").asString();
        io.custody.infra.support.TestWallets.activate(app.context().getBean(CommandGateway.class), WalletId.parse(id),
                io.custody.api.wallet.ChainFamily.valueOf(family));
        return id;
    }

    static void deposit(String walletId, String token, long amount) {
        app.context().getBean(CommandGateway.class).sendAndWait(new ConfirmDeposit(WalletId.parse(walletId),
                new DepositId("0xdeposit:" + UUID.randomUUID()), new TokenId(token), Amount.of(amount)));
    }

    static JsonNode awaitProposal(String walletId, String proposalId, String status) {
        String path = "/api/v1/wallets/" + walletId + "/proposals/" + proposalId;
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Http.Response r = http.get(path);
            return r.status() == 200 && status.equals(r.json().get("status").asString());
        });
        return http.get(path).json();
    }

    static String propose(String walletId, SignerKeys.Evm proposer, String to, long amount, long expiresInSeconds) {
        Http.Response r = Proposals.propose(http, walletId, proposer, to, amount, expiresInSeconds);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("proposalId").asString();
    }

    static JsonNode payload(String walletId, String proposalId, String decision) {
        String path = "/api/v1/wallets/" + walletId + "/proposals/" + proposalId + "/signing-payload?decision=" + decision;
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get(path).status() == 200);
        return http.get(path).json();
    }

    static Http.Response vote(String walletId, String proposalId, String kind, String signer, String signature,
                              String publicKey) {
        String key = publicKey == null ? "" : ",\"publicKey\":\"" + publicKey + "\"";
        return http.post("/api/v1/wallets/" + walletId + "/proposals/" + proposalId + "/" + kind,
                "{\"signer\":\"" + signer + "\",\"signature\":\"" + signature + "\"" + key + "}");
    }

    @Test
    void an_evm_proposal_walks_to_ready_with_eip712_signatures_from_the_served_typed_data() throws Exception {
        String walletId = wallet("EVM", ALICE.address(), BOB.address(), CAROL.address());
        deposit(walletId, "USDC", 1_000_000);
        String proposalId = propose(walletId, ALICE, PAYEE, 250_000, 3_600);

        JsonNode pending = awaitProposal(walletId, proposalId, "PENDING");
        assertThat(pending.get("nonce").asLong()).isEqualTo(1);
        assertThat(pending.get("approvalsNeeded").asInt()).isEqualTo(2);
        JsonNode balances = http.get("/api/v1/wallets/" + walletId + "/balances").json();
        assertThat(balances.get("balances").get(0).get("reserved").asString()).isEqualTo("250000");
        assertThat(balances.get("balances").get(0).get("available").asString()).isEqualTo("750000");

        String typedData = payload(walletId, proposalId, "approve").get("eip712TypedData").toString();
        assertThat(vote(walletId, proposalId, "approvals", ALICE.address(), ALICE.signTypedData(typedData), null)
                .status()).isEqualTo(204);
        // the same approval again is acknowledged and changes nothing (Property 3)
        assertThat(vote(walletId, proposalId, "approvals", ALICE.address(), ALICE.signTypedData(typedData), null)
                .status()).isEqualTo(204);
        assertThat(vote(walletId, proposalId, "approvals", BOB.address(), BOB.signTypedData(typedData), null)
                .status()).isEqualTo(204);

        JsonNode ready = awaitProposal(walletId, proposalId, "READY");
        assertThat(ready.get("approvals")).hasSize(2);
        assertThat(ready.get("approvalsNeeded").asInt()).isZero();
        assertThat(ready.get("delayElapsed").asBoolean()).isTrue();

        try (SseClient sse = SseClient.connect(http, "/api/v1/wallets/" + walletId + "/proposals/events", null)) {
            List<String> types = sse.take(5, Duration.ofSeconds(30)).stream().map(SseClient.Event::type).toList();
            assertThat(types).containsExactly("WithdrawalProposed", "ProposalApproved", "ProposalApproved",
                    "ProposalReady", "WithdrawalDelayElapsed");
        }
    }

    @Test
    void an_aptos_proposal_walks_to_ready_with_ed25519_signatures_over_the_served_message() {
        String walletId = wallet("APTOS", APTOS_ALICE.address(), APTOS_BOB.address());
        deposit(walletId, "USDC", 500);
        Http.Response proposed = Proposals.proposeAptos(http, walletId, APTOS_ALICE, "0x" + "cd".repeat(32), 200, 3_600);
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        String proposalId = proposed.json().get("proposalId").asString();
        String message = payload(walletId, proposalId, "approve").get("ed25519MessageHex").asString();

        assertThat(vote(walletId, proposalId, "approvals", APTOS_ALICE.address(), APTOS_ALICE.sign(message),
                APTOS_ALICE.publicKeyHex()).status()).isEqualTo(204);
        assertThat(vote(walletId, proposalId, "approvals", APTOS_BOB.address(), APTOS_BOB.sign(message),
                APTOS_BOB.publicKeyHex()).status()).isEqualTo(204);
        assertThat(awaitProposal(walletId, proposalId, "READY").get("approvals")).hasSize(2);
    }

    @Test
    void a_proposal_nobody_approves_expires_by_the_persistent_deadline_and_frees_its_reservation() {
        String walletId = wallet("EVM", ALICE.address(), BOB.address());
        deposit(walletId, "USDC", 100);
        String proposalId = propose(walletId, ALICE, PAYEE, 100, 5);
        awaitProposal(walletId, proposalId, "EXPIRED");
        await().atMost(Duration.ofSeconds(30)).until(() -> "100".equals(
                http.get("/api/v1/wallets/" + walletId + "/balances").json().get("balances").get(0).get("available")
                        .asString()));
    }

    @Test
    void refusals_answer_in_the_seed_error_format_with_the_seed_status_codes() {
        String walletId = wallet("EVM", ALICE.address(), BOB.address(), CAROL.address());
        deposit(walletId, "USDC", 1_000);
        String proposalId = propose(walletId, ALICE, PAYEE, 10, 3_600);
        String typedData = payload(walletId, proposalId, "approve").get("eip712TypedData").toString();

        Http.Response forged = vote(walletId, proposalId, "approvals", BOB.address(), CAROL.signTypedData(typedData), null);
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.json().get("error").get("code").asString()).isEqualTo("UNAUTHENTICATED");
        assertThat(forged.json().get("error").get("details").has("signature")).isTrue();

        Http.Response outsider = vote(walletId, proposalId, "approvals", MALLORY.address(),
                MALLORY.signTypedData(typedData), null);
        assertThat(outsider.status()).isEqualTo(403);
        assertThat(outsider.json().get("error").get("code").asString()).isEqualTo("FORBIDDEN");

        java.time.Instant soon = java.time.Instant.now().plusSeconds(600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Http.Response tooMuch = Proposals.proposeLocal(http, walletId, ALICE, ALICE.address(),
                UUID.randomUUID().toString(), PAYEE, 5000, soon);
        assertThat(tooMuch.status()).isEqualTo(400);
        assertThat(tooMuch.json().get("error").get("details").get("amount").get(0).asString())
                .startsWith("Amount exceeds available balance");

        // a signer named as proposer without its own signature is not believed (Property 9)
        Http.Response impostor = Proposals.proposeLocal(http, walletId, MALLORY, ALICE.address(),
                UUID.randomUUID().toString(), PAYEE, 5, soon);
        assertThat(impostor.status()).isEqualTo(401);
        assertThat(impostor.json().get("error").get("details").has("proposerSignature")).isTrue();

        Http.Response malformed = http.post("/api/v1/wallets/" + walletId + "/proposals",
                "{\"proposer\":\"nope\",\"amount\":\"-1\"}");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("error").get("details").properties().stream().map(java.util.Map.Entry::getKey)
                .toList()).contains("proposalId", "proposer", "to", "token", "amount", "expiresAt", "signature");
        assertThat(malformed.json().get("error").get("traceId").asString()).isNotBlank();

        Http.Response unknown = http.get("/api/v1/wallets/" + walletId + "/proposals/" + UUID.randomUUID());
        assertThat(unknown.status()).isEqualTo(404);

        java.time.Instant expiresAt = java.time.Instant.now().plus(Duration.ofDays(1))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String fixedId = UUID.randomUUID().toString();
        Http.Response first = Proposals.proposeLocal(http, walletId, ALICE, ALICE.address(), fixedId, PAYEE, 1,
                expiresAt);
        assertThat(first.status()).isEqualTo(201);
        Http.Response replay = Proposals.proposeLocal(http, walletId, ALICE, ALICE.address(), fixedId, PAYEE, 1,
                expiresAt);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.body()).isEqualTo(first.body());
        Http.Response clash = Proposals.proposeLocal(http, walletId, ALICE, ALICE.address(), fixedId, PAYEE, 2,
                expiresAt);
        assertThat(clash.status()).isEqualTo(409);
        assertThat(clash.json().get("error").get("code").asString()).isEqualTo("IDEMPOTENCY_CONFLICT");
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_served_openapi_description_documents_every_endpoint_and_method_of_the_api() {
        Http.Response served = http.get("/openapi.yaml");
        assertThat(served.status()).isEqualTo(200);
        java.util.Map<String, Object> document = new org.yaml.snakeyaml.Yaml().load(served.body());
        java.util.Map<String, java.util.Map<String, Object>> paths =
                (java.util.Map<String, java.util.Map<String, Object>>) document.get("paths");
        var mappings = app.context().getBean("requestMappingHandlerMapping",
                org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping.class);
        List<String> undocumented = new java.util.ArrayList<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternsCondition().getPatterns().forEach(p -> {
            // OpenAPI has no parameter that spans segments: a served {*rest} is documented as {rest}
            String path = p.getPatternString().replace("{*", "{");
            if (!path.startsWith("/api/")) return;
            info.getMethodsCondition().getMethods().forEach(m -> {
                var item = paths.get(path);
                if (item == null || !item.containsKey(m.name().toLowerCase(java.util.Locale.ROOT))) {
                    undocumented.add(m + " " + path);
                }
            });
        }));
        assertThat(undocumented).isEmpty();
        assertThat(paths).hasSizeGreaterThanOrEqualTo(19);
    }
}
