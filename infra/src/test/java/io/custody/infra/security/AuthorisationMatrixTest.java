package io.custody.infra.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.custody.api.deposit.ConfirmDeposit;
import io.custody.api.deposit.DepositId;
import io.custody.api.identity.Role;
import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.DestinationAddress;
import io.custody.api.wallet.WalletId;
import io.custody.api.withdrawal.ProposalId;
import io.custody.api.withdrawal.ProposalRequestPayload;
import io.custody.infra.identity.ServiceAccountAssertions;
import io.custody.infra.support.Http;
import io.custody.infra.support.RunningApplication;
import io.custody.infra.support.SignerKeys;
import io.custody.infra.support.TestIdentity;
import io.custody.infra.support.TestWallets;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPatternParser;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

/**
 * The authorisation matrix, generated from the OpenAPI document the application serves: for <em>every</em> operation
 * of {@code openapi.yaml} the rule that {@link ApiAccessRules} applies to it is looked up, and the running
 * application is asked, over HTTP:
 * <ul>
 *   <li>without a token: {@code 401 CREDENTIALS_REQUIRED} (the open ways in answer without one);</li>
 *   <li>as a member holding only a role the rule does not name: {@code 403 ROLE_REQUIRED}; where only a person may
 *       act, as a service account holding every role: {@code 403 MEMBER_REQUIRED};</li>
 *   <li>where the path names a tenant's resource, as another organisation's administrator with every role:
 *       {@code 404}, with the same reason as for an id that does not exist;</li>
 *   <li>as a merchant API key (ADR identity-030): {@code 403 MERCHANT_KEY_SCOPE} wherever the rule does not open the
 *       route to a scope the key holds; where it does, success for the key's own merchant and {@code 404} for another
 *       merchant of its organisation or of another, with the same reason as for a merchant that does not exist;</li>
 *   <li>as a member holding only one role the rule names (anonymous for the open routes): neither 401 nor 403, and a
 *       2xx answer except for the few operations listed in {@link #NOT_A_SUCCESS} with the reason why.</li>
 * </ul>
 * Nothing can be left out: the test fails when a served {@code /api} route is missing from the document, when an
 * operation of the document has no rule, when an open rule and the document's {@code security: []} disagree, or when
 * an operation that takes a body has no sample body here ({@link #BODIES}); a new endpoint therefore needs a line in
 * {@code ApiAccessRules}, an entry in {@code openapi.yaml} and a sample body here before this test passes again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthorisationMatrixTest {

    static final SignerKeys.Evm ALICE = SignerKeys.Evm.of(7101);
    static final SignerKeys.Evm BOB = SignerKeys.Evm.of(7102);
    static final SignerKeys.Evm CAROL = SignerKeys.Evm.of(7103);
    static final String DAVE = SignerKeys.Evm.of(7104).address();
    static final String PAYEE = "0x" + "ee".repeat(20);

    /** Path variables that name a tenant's resource: another organisation must get 404 for them. */
    static final Set<String> TENANT_VARIABLES = Set.of("walletId", "proposalId", "merchantId", "memberId",
            "serviceAccountId", "keyId", "organisation", "changeId", "apiKeyId");

    /** Access-layer refusals; a right caller must never get one. */
    static final Set<String> ACCESS_REASONS = Set.of("CREDENTIALS_REQUIRED", "TOKEN_INVALID", "SESSION_REVOKED",
            "ROLE_REQUIRED", "MEMBER_REQUIRED", "MERCHANT_KEY_SCOPE", "GENERIC_FORBIDDEN");

    /**
     * The operations whose right caller gets a refusal of the domain instead of a success, with that refusal: the
     * access layer let the caller through, and the fixture cannot make the operation succeed.
     */
    static final Map<String, String> NOT_A_SUCCESS = Map.ofEntries(
            // the fixture's wallet is ACTIVE: there is no failed provisioning to retry
            Map.entry("POST /api/v1/wallets/{walletId}/provisioning/retry", "409 PROVISIONING_STATE_CONFLICT"),
            // the fixture's wallet has key signers only; a passkey signer's challenge is PasskeyApprovalIntegrationTest's
            Map.entry("POST /api/v1/wallets/{walletId}/proposals/{proposalId}/passkey-challenges", "403 NOT_A_SIGNER"),
            // the ceremonies' own checks refuse the unverifiable samples (UNVERIFIABLE_ASSERTION)
            Map.entry("POST /api/v1/wallets/{walletId}/proposals/{proposalId}/passkey-approvals", "400 INVALID_FIELD"),
            Map.entry("POST /api/v1/wallets/{walletId}/proposals/{proposalId}/passkey-rejections", "400 INVALID_FIELD"),
            // the same for policy changes (PolicyChangePasskeyTest verifies real assertions on the command side)
            Map.entry("POST /api/v1/wallets/{walletId}/policy-changes/{changeId}/passkey-challenges",
                    "403 NOT_A_SIGNER"),
            Map.entry("POST /api/v1/wallets/{walletId}/policy-changes/{changeId}/passkey-approvals",
                    "400 INVALID_FIELD"),
            Map.entry("POST /api/v1/wallets/{walletId}/policy-changes/{changeId}/passkey-cancellations",
                    "400 INVALID_FIELD"),
            Map.entry("POST /api/v1/passkeys/login", "400 INVALID_FIELD"),
            Map.entry("POST /api/v1/passkeys", "400 INVALID_FIELD"),
            // no member of the fixture holds a passkey to rename or revoke
            Map.entry("PATCH /api/v1/passkeys/{credentialId}", "404 PASSKEY_NOT_FOUND"),
            Map.entry("DELETE /api/v1/passkeys/{credentialId}", "404 PASSKEY_NOT_FOUND"),
            // the sample calls a contract no wallet allows; MarketContractsEndToEndTest makes calls succeed
            Map.entry("POST /api/v1/wallets/{walletId}/contract-calls", "400 CONTRACT_NOT_ALLOWED"),
            // this fixture runs without a chain (MarketContractsEndToEndTest reads the contracts on the local node)
            Map.entry("GET /api/v1/escrow", "503 UNAVAILABLE"),
            Map.entry("GET /api/v1/wallets/{walletId}/escrow/orders/{orderId}", "503 UNAVAILABLE"),
            Map.entry("GET /api/v1/financing", "503 UNAVAILABLE"),
            Map.entry("GET /api/v1/wallets/{walletId}/receivables/{tokenId}", "503 UNAVAILABLE"));

    @TempDir
    static Path dataDir;
    static RunningApplication app;
    static Http admin;
    static Http otherAdmin;
    static Http robot;
    /** Merchant API keys: the fixture merchant's (every scope, and read only), and one of another organisation's. */
    static Http merchantKey;
    static Http readOnlyMerchantKey;
    static Http foreignMerchantKey;
    /** A second merchant of the test organisation, for "another merchant of the same organisation". */
    static final String SECOND_MERCHANT = "matrix-second-shop";
    static final Map<Role, Http> members = new EnumMap<>(Role.class);
    static final Map<String, String> ours = new HashMap<>();
    static final Map<String, String> missing = new HashMap<>();
    static ECKey serviceAccountKey;
    static String otherProposal;
    /** A second policy change of the fixture's wallet, for the cancellation (the first one is approved). */
    static String otherChange;
    static List<Operation> operations;

    /** One operation of the OpenAPI document. */
    record Operation(HttpMethod method, String path, Map<String, Object> spec) {

        String key() {
            return method.name() + " " + path;
        }

        boolean open() {
            return spec.get("security") instanceof List<?> security && security.isEmpty();
        }

        boolean takesBody() {
            return spec.containsKey("requestBody");
        }

        List<String> variables() {
            List<String> names = new ArrayList<>();
            Matcher m = Pattern.compile("\\{([^}]+)}").matcher(path);
            while (m.find()) names.add(m.group(1));
            return names;
        }

        boolean namesTenantResource() {
            return variables().stream().anyMatch(TENANT_VARIABLES::contains);
        }

        String concretePath(Map<String, String> values) {
            String concrete = path;
            for (String name : variables()) {
                String value = values.get(name);
                if (value == null) throw new IllegalStateException("no value for {" + name + "} of " + key());
                concrete = concrete.replace("{" + name + "}", value);
            }
            return concrete;
        }
    }

    /** A WebAuthn assertion in the API's JSON shape whose bytes are no assertion at all. */
    static final String UNVERIFIABLE_ASSERTION = "{\"id\":\"AAAA\",\"rawId\":\"AAAA\",\"type\":\"public-key\","
            + "\"response\":{\"authenticatorData\":\"AAAA\",\"clientDataJSON\":\"AAAA\",\"signature\":\"AAAA\"}}";

    /** A request body for each operation that takes one, made for the path variables it is sent with. */
    static final Map<String, Function<Map<String, String>, String>> BODIES = new LinkedHashMap<>();
    /** Query strings an operation needs to get past its validation. */
    static final Map<String, Function<Map<String, String>, String>> QUERIES = new LinkedHashMap<>();

    static {
        BODIES.put("POST /api/v1/wallets", v -> """
                {"name":"Matrix","signers":["%s","%s"],"threshold":2,"chainFamily":"EVM"}"""
                .formatted(ALICE.address(), BOB.address()));
        BODIES.put("PATCH /api/v1/wallets/{walletId}", v -> "{\"name\":\"Renamed\"}");
        BODIES.put("PUT /api/v1/wallets/{walletId}/withdrawal-delay", v -> "{\"hours\":0}");
        BODIES.put("PUT /api/v1/wallets/{walletId}/limits/{token}", v -> "{\"single\":\"1000000\"}");
        BODIES.put("PUT /api/v1/wallets/{walletId}/status", v -> "{\"status\":\"ACTIVE\"}");
        BODIES.put("PUT /api/v1/wallets/{walletId}/threshold", v -> "{\"threshold\":2}");
        BODIES.put("POST /api/v1/wallets/{walletId}/proposals", AuthorisationMatrixTest::proposal);
        BODIES.put("POST /api/v1/wallets/{walletId}/contract-calls", AuthorisationMatrixTest::contractCall);
        BODIES.put("PUT /api/v1/wallets/{walletId}/contracts/{address}",
                v -> "{\"label\":\"Matrix\",\"functions\":[\"confirmDelivery(address,bytes32)\"]}");
        BODIES.put("POST /api/v1/wallets/{walletId}/proposals/{proposalId}/approvals", v -> vote(v, "approve", BOB));
        BODIES.put("POST /api/v1/wallets/{walletId}/proposals/{proposalId}/rejections", v -> vote(v, "reject", CAROL));
        BODIES.put("POST /api/v1/wallets/{walletId}/policy-changes", AuthorisationMatrixTest::policyChange);
        BODIES.put("POST /api/v1/wallets/{walletId}/policy-changes/{changeId}/approvals",
                v -> policyDecision(v, "approve", BOB));
        BODIES.put("POST /api/v1/wallets/{walletId}/policy-changes/{changeId}/cancellation",
                v -> policyDecision(v, "cancel", CAROL));
        BODIES.put("POST /api/v1/merchants", v -> """
                {"merchantId":"shop-%s","name":"Shop","directWallet":"0x%s"}"""
                .formatted(UUID.randomUUID().toString().substring(0, 8), "dd".repeat(20)));
        BODIES.put("POST /api/v1/merchants/{merchantId}/payments", v -> """
                {"paymentId":"order-%s","token":"USDC","amount":"5"}""".formatted(UUID.randomUUID()));
        BODIES.put("POST /api/v1/merchants/{merchantId}/api-keys", v -> "{\"label\":\"Matrix till\"}");
        BODIES.put("POST /api/v1/enrolment", v -> "{\"token\":\"" + invitationToken()
                + "\",\"displayName\":\"Matrix enrolment\"}");
        BODIES.put("POST /api/v1/sessions/refresh", v -> "{\"refreshToken\":\""
                + enrol("VIEWER").get("refresh_token").asString() + "\"}");
        BODIES.put("POST /api/v1/oauth/token", AuthorisationMatrixTest::tokenRequest);
        BODIES.put("POST /api/v1/organisation/invitations", v -> "{\"roles\":[\"VIEWER\"]}");
        BODIES.put("PUT /api/v1/organisation/members/{memberId}/roles", v -> "{\"roles\":[\"VIEWER\"]}");
        BODIES.put("POST /api/v1/organisation/service-accounts", v -> "{\"name\":\"Matrix\",\"roles\":[\"VIEWER\"]}");
        BODIES.put("POST /api/v1/organisation/service-accounts/{serviceAccountId}/keys", v -> {
            try {
                return "{\"publicKey\":" + new ECKeyGenerator(Curve.P_256).generate().toPublicJWK().toJSONString()
                        + "}";
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        // Passkey ceremonies: a real ceremony needs an authenticator, which PasskeyLoginAndRegistrationIntegrationTest
        // and PasskeyApprovalIntegrationTest drive; here a well-formed response that cannot verify shows that the
        // access layer let the caller through to the ceremony's own checks (NOT_A_SUCCESS).
        BODIES.put("POST /api/v1/passkeys/login-options", v -> "{}");
        BODIES.put("POST /api/v1/passkeys/login", v -> "{\"ceremonyId\":\"" + UUID.randomUUID()
                + "\",\"credential\":" + UNVERIFIABLE_ASSERTION + "}");
        BODIES.put("POST /api/v1/passkeys", v -> "{\"name\":\"Matrix\",\"credential\":{\"id\":\"AAAA\",\"rawId\":"
                + "\"AAAA\",\"type\":\"public-key\",\"response\":{\"attestationObject\":\"AAAA\","
                + "\"clientDataJSON\":\"AAAA\"}}}");
        BODIES.put("PATCH /api/v1/passkeys/{credentialId}", v -> "{\"name\":\"Renamed\"}");
        BODIES.put("POST /api/v1/wallets/{walletId}/proposals/{proposalId}/passkey-challenges",
                v -> "{\"decision\":\"approve\"}");
        BODIES.put("POST /api/v1/wallets/{walletId}/proposals/{proposalId}/passkey-approvals",
                v -> "{\"credential\":" + UNVERIFIABLE_ASSERTION + "}");
        BODIES.put("POST /api/v1/wallets/{walletId}/proposals/{proposalId}/passkey-rejections",
                v -> "{\"credential\":" + UNVERIFIABLE_ASSERTION + "}");
        BODIES.put("POST /api/v1/wallets/{walletId}/policy-changes/{changeId}/passkey-challenges",
                v -> "{\"decision\":\"approve\"}");
        BODIES.put("POST /api/v1/wallets/{walletId}/policy-changes/{changeId}/passkey-approvals",
                v -> "{\"credential\":" + UNVERIFIABLE_ASSERTION + "}");
        BODIES.put("POST /api/v1/wallets/{walletId}/policy-changes/{changeId}/passkey-cancellations",
                v -> "{\"credential\":" + UNVERIFIABLE_ASSERTION + "}");

        QUERIES.put("GET /api/v1/wallets/{walletId}/proposals/request-payload", v -> "proposalId="
                + UUID.randomUUID() + "&to=" + PAYEE + "&token=USDC&amount=10&expiresAt="
                + Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS));
        QUERIES.put("GET /api/v1/audit/consistency-proof", v -> "from=1&to=1");
    }

    static Map<String, String> headers(Operation op) {
        return op.key().equals("POST /api/v1/merchants/{merchantId}/payments")
                ? Map.of("Idempotency-Key", "key-" + UUID.randomUUID()) : Map.of();
    }

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void start() throws Exception {
        // a checkpoint each second rather than each minute, so the audit routes have one to prove against
        app = RunningApplication.start(dataDir, "--custody.audit.checkpoint-interval=PT1S");
        admin = app.http();
        for (Role role : Role.values()) {
            members.put(role, admin.anonymous().withToken(enrol(role.name()).get("access_token").asString()));
        }
        Http.Response account = admin.post("/api/v1/organisation/service-accounts",
                "{\"name\":\"Every role\",\"roles\":[\"ORG_ADMIN\",\"SIGNER\",\"VIEWER\",\"COMPLIANCE_OFFICER\"]}");
        robot = admin.anonymous().withToken(account.json().get("token").asString());
        String serviceAccount = account.json().get("serviceAccountId").asString();
        serviceAccountKey = new ECKeyGenerator(Curve.P_256).generate();
        Http.Response key = admin.post("/api/v1/organisation/service-accounts/" + serviceAccount + "/keys",
                "{\"publicKey\":" + serviceAccountKey.toPublicJWK().toJSONString() + "}");
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        otherAdmin = TestIdentity.newOrganisation(app, "matrix-" + UUID.randomUUID().toString().substring(0, 8));

        // the test organisation's resources: an active, funded 2-of-3 wallet with two open proposals, a merchant
        // paid into it, a member, a service account with a key; and its audit records
        Http.Response created = admin.post("/api/v1/wallets", """
                {"name":"Vault","signers":["%s","%s","%s"],"threshold":2,"chainFamily":"EVM"}"""
                .formatted(ALICE.address(), BOB.address(), CAROL.address()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String wallet = created.json().get("walletId").asString();
        CommandGateway commands = app.context().getBean(CommandGateway.class);
        TestWallets.activate(commands, WalletId.parse(wallet));
        commands.sendAndWait(new ConfirmDeposit(WalletId.parse(wallet), new DepositId("0xmatrix:1"),
                new TokenId("USDC"), Amount.of(1_000_000)));
        String merchant = "matrix-shop";
        Http.Response registered = admin.post("/api/v1/merchants", """
                {"merchantId":"%s","name":"Shop","directWallet":"0x%s","custodyWalletId":"%s",
                 "custodyAddress":"0x%s"}""".formatted(merchant, "dd".repeat(20), wallet, "cc".repeat(20)));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        ours.putAll(Map.of("walletId", wallet, "merchantId", merchant, "organisation", TestIdentity.ORGANISATION,
                "serviceAccountId", serviceAccount, "keyId", key.json().get("keyId").asString(),
                "memberId", enrol("VIEWER").get("member_id").asString(),
                "leafIndex", "0", "token", "USDC", "address", DAVE));
        ours.put("orderId", "0x" + "0a".repeat(32));
        ours.put("tokenId", "1");
        ours.put("credentialId", "A".repeat(43)); // no member of the fixture holds a passkey
        // the first leaf tile of the log, partial: the fixture's log has at least one record by the time it is read
        ours.put("level", "0");
        ours.put("index", "000.p/1");
        Http.Response second = admin.post("/api/v1/merchants", """
                {"merchantId":"%s","name":"Second shop","directWallet":"0x%s"}""".formatted(SECOND_MERCHANT,
                "dd".repeat(20)));
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        merchantKey = admin.anonymous().withToken(merchantApiKey(admin, merchant, "{\"label\":\"Till\"}"));
        readOnlyMerchantKey = admin.anonymous().withToken(merchantApiKey(admin, merchant,
                "{\"label\":\"Reports\",\"scopes\":[\"READ_PAYMENTS\"]}"));
        Http.Response revocable = admin.post("/api/v1/merchants/" + merchant + "/api-keys", "{\"label\":\"Old\"}");
        assertThat(revocable.status()).as(revocable.body()).isEqualTo(201);
        ours.put("apiKeyId", revocable.json().get("keyId").asString());
        Http.Response foreign = otherAdmin.post("/api/v1/merchants", """
                {"merchantId":"matrix-foreign-shop","name":"Foreign shop","directWallet":"0x%s"}"""
                .formatted("dd".repeat(20)));
        assertThat(foreign.status()).as(foreign.body()).isEqualTo(201);
        foreignMerchantKey = admin.anonymous().withToken(merchantApiKey(otherAdmin, "matrix-foreign-shop",
                "{\"label\":\"Foreign till\"}"));
        Http.Response proposed = admin.post("/api/v1/wallets/" + wallet + "/proposals", proposal(ours));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        ours.put("proposalId", proposed.json().get("proposalId").asString());
        Http.Response secondProposal = admin.post("/api/v1/wallets/" + wallet + "/proposals", proposal(ours));
        assertThat(secondProposal.status()).as(secondProposal.body()).isEqualTo(201);
        otherProposal = secondProposal.json().get("proposalId").asString();
        Http.Response change = admin.post("/api/v1/wallets/" + wallet + "/policy-changes", policyChange(ours));
        assertThat(change.status()).as(change.body()).isEqualTo(201);
        ours.put("changeId", change.json().get("changeId").asString());
        Http.Response secondChange = admin.post("/api/v1/wallets/" + wallet + "/policy-changes", policyChange(ours));
        assertThat(secondChange.status()).as(secondChange.body()).isEqualTo(201);
        otherChange = secondChange.json().get("changeId").asString();
        missing.put("changeId", UUID.randomUUID().toString());
        missing.putAll(Map.of("walletId", UUID.randomUUID().toString(), "proposalId", UUID.randomUUID().toString(),
                "merchantId", "no-such-shop", "organisation", "no-such-org",
                "serviceAccountId", UUID.randomUUID().toString(), "keyId", "A".repeat(43),
                "memberId", UUID.randomUUID().toString(), "leafIndex", "0", "token", "USDC", "address", DAVE));
        missing.put("orderId", "0x" + "0a".repeat(32));
        missing.put("tokenId", "1");
        missing.put("credentialId", "B".repeat(43));
        missing.put("apiKeyId", "0".repeat(32));

        // what reads need to have caught up with: the proposals (votes are signed over the served payload), the
        // merchant, and the audit log with a signed checkpoint
        await().atMost(Duration.ofSeconds(60)).until(() -> admin.get("/api/v1/wallets/" + wallet + "/proposals/"
                + otherProposal).status() == 200 && admin.get("/api/v1/wallets/" + wallet + "/policy-changes/"
                + otherChange).status() == 200 && admin.get("/api/v1/merchants/" + merchant + "/payments")
                .status() == 200 && admin.get("/api/v1/audit/checkpoint").status() == 200);

        try (InputStream yaml = AuthorisationMatrixTest.class.getResourceAsStream("/static/openapi.yaml")) {
            Map<String, Object> document = new Yaml().load(yaml);
            operations = new ArrayList<>();
            ((Map<String, Map<String, Object>>) document.get("paths")).forEach((path, item) -> item.forEach(
                    (method, spec) -> {
                        if (method.equals("parameters")) return;
                        operations.add(new Operation(HttpMethod.valueOf(method.toUpperCase(Locale.ROOT)), path,
                                (Map<String, Object>) spec));
                    }));
        }
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
    }

    // ------------------------------------------------------------------------------------------------ fixtures

    static JsonNode enrol(String role) {
        Http.Response enrolled = admin.anonymous().post("/api/v1/enrolment",
                "{\"token\":\"" + invitationToken(role) + "\",\"displayName\":\"Matrix " + role + "\"}");
        assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(201);
        return enrolled.json();
    }

    /** Issues a merchant API key as {@code issuer} (an administrator) and answers the key, shown this once. */
    static String merchantApiKey(Http issuer, String merchant, String body) {
        Http.Response issued = issuer.post("/api/v1/merchants/" + merchant + "/api-keys", body);
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return issued.json().get("apiKey").asString();
    }

    static String invitationToken() {
        return invitationToken("VIEWER");
    }

    static String invitationToken(String role) {
        Http.Response invited = admin.post("/api/v1/organisation/invitations", "{\"roles\":[\"" + role + "\"]}");
        assertThat(invited.status()).as(invited.body()).isEqualTo(201);
        return invited.json().get("enrolmentToken").asString();
    }

    /** A withdrawal request signed by ALICE, a signer of the fixture's wallet, to the address the matrix uses. */
    static String proposal(Map<String, String> v) {
        String id = UUID.randomUUID().toString();
        Instant expiresAt = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        var payload = new ProposalRequestPayload(WalletId.parse(v.get("walletId")), ProposalId.parse(id),
                new TokenId("USDC"), Amount.of(10), new DestinationAddress(ChainFamily.EVM, DAVE), expiresAt);
        return """
                {"proposalId":"%s","proposer":"%s","to":"%s","token":"USDC","amount":"10","expiresAt":"%s",
                 "signature":"%s"}""".formatted(id, ALICE.address(), DAVE, expiresAt,
                ALICE.signTypedData(payload.eip712Json()));
    }

    static String contractCall(Map<String, String> v) {
        String id = UUID.randomUUID().toString();
        Instant expiresAt = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        String contract = "0x" + "cc".repeat(20);
        var call = io.custody.api.withdrawal.ContractCall.request("confirmDelivery(address,bytes32)",
                List.of(DAVE.toLowerCase(java.util.Locale.ROOT), "0x" + "01".repeat(32)));
        var payload = new ProposalRequestPayload(WalletId.parse(v.get("walletId")), ProposalId.parse(id),
                new TokenId("ETH"), Amount.of(0), new DestinationAddress(ChainFamily.EVM, contract), expiresAt, call);
        return """
                {"proposalId":"%s","proposer":"%s","contract":"%s","token":"ETH","value":"0",
                 "function":"%s","arguments":["%s","%s"],"expiresAt":"%s","signature":"%s"}""".formatted(id,
                ALICE.address(), contract, call.function(), call.arguments().get(0), call.arguments().get(1),
                expiresAt, ALICE.signTypedData(payload.eip712Json()));
    }

    /** A vote signed over the served payload when the proposal is the fixture's, else a well-formed dummy. */
    static String vote(Map<String, String> v, String decision, SignerKeys.Evm signer) {
        String signature = "0x" + "11".repeat(65);
        if (v.get("proposalId").equals(ours.get("proposalId")) || v.get("proposalId").equals(otherProposal)) {
            Http.Response payload = admin.get("/api/v1/wallets/" + v.get("walletId") + "/proposals/"
                    + v.get("proposalId") + "/signing-payload?decision=" + decision);
            assertThat(payload.status()).as(payload.body()).isEqualTo(200);
            signature = signer.signTypedData(payload.json().get("eip712TypedData").toString());
        }
        return "{\"signer\":\"" + signer.address() + "\",\"signature\":\"" + signature + "\"}";
    }

    /** A new policy change of the wallet: whitelisting the matrix's address. */
    static String policyChange(Map<String, String> v) {
        return """
                {"changeId":"%s","change":{"kind":"ADD_WHITELIST_ADDRESS","address":"%s"},"expiresAt":"%s"}"""
                .formatted(UUID.randomUUID(), DAVE, Instant.now().plus(Duration.ofDays(1))
                        .truncatedTo(ChronoUnit.SECONDS));
    }

    /** A decision signed over the served payload when the change is the fixture's, else a well-formed dummy. */
    static String policyDecision(Map<String, String> v, String decision, SignerKeys.Evm signer) {
        String signature = "0x" + "11".repeat(65);
        if (v.get("changeId").equals(ours.get("changeId")) || v.get("changeId").equals(otherChange)) {
            Http.Response payload = admin.get("/api/v1/wallets/" + v.get("walletId") + "/policy-changes/"
                    + v.get("changeId") + "/signing-payload?decision=" + decision);
            assertThat(payload.status()).as(payload.body()).isEqualTo(200);
            signature = signer.signTypedData(payload.json().get("eip712TypedData").toString());
        }
        return "{\"signer\":\"" + signer.address() + "\",\"signature\":\"" + signature + "\"}";
    }

    static String tokenRequest(Map<String, String> v) {
        try {
            String account = ours.get("serviceAccountId");
            Instant now = Instant.now();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(ours.get("keyId")).build(),
                    new JWTClaimsSet.Builder().issuer(account).subject(account).audience("custody")
                            .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60)))
                            .jwtID(UUID.randomUUID().toString()).build());
            jwt.sign(new ECDSASigner(serviceAccountKey));
            return "grant_type=" + URLEncoder.encode(ServiceAccountAssertions.GRANT_TYPE, StandardCharsets.UTF_8)
                    + "&assertion=" + jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------------------------------------ requests

    /** A response; for an event stream only its head (the stream itself never ends). */
    record Answer(int status, String body) {
        String reason() {
            if (body == null || !body.startsWith("{\"error\"")) return null;
            return Http.JSON.readTree(body).get("error").get("reason").asString();
        }

        @Override
        public String toString() {
            return status + " " + (body == null ? "(stream)" : body);
        }
    }

    /** Sends {@code op} as {@code caller} (null: no credentials) on the resources named by {@code values}. */
    static Answer send(Operation op, Http caller, Map<String, String> values) {
        String path = op.concretePath(values);
        Function<Map<String, String>, String> query = QUERIES.get(op.key());
        if (query != null) path += "?" + query.apply(values);
        Http client = caller == null ? admin.anonymous() : caller;
        List<String> headers = new ArrayList<>();
        headers(op).forEach((name, value) -> {
            headers.add(name);
            headers.add(value);
        });
        HttpRequest.Builder request = client.request(path, headers.toArray(String[]::new));
        Function<Map<String, String>, String> body = BODIES.get(op.key());
        if (op.takesBody() && body != null) {
            boolean form = op.key().equals("POST /api/v1/oauth/token");
            request.header("Content-Type", form ? "application/x-www-form-urlencoded" : "application/json")
                    .method(op.method().name(), HttpRequest.BodyPublishers.ofString(body.apply(values)));
        } else {
            request.method(op.method().name(), HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<InputStream> response = Http.client().send(request.build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                boolean stream = response.headers().firstValue("Content-Type").orElse("")
                        .startsWith("text/event-stream");
                return new Answer(response.statusCode(), stream ? null
                        : new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Optional<ApiAccessRules.Rule> ruleOf(Operation op) {
        String concrete = op.path.replaceAll("\\{[^}]+}", "x");
        PathPatternParser parser = new PathPatternParser();
        return ApiAccessRules.RULES.stream().filter(rule -> rule.method().equals(op.method())
                && parser.parse(rule.pattern()).matches(PathContainer.parsePath(concrete))).findFirst();
    }

    static ApiAccessRules.Rule rule(Operation op) {
        return ruleOf(op).orElseThrow(() -> new AssertionError("no rule for " + op.key()));
    }

    // ------------------------------------------------------------------------------------------------ the matrix

    @Test
    @Order(1)
    void every_served_route_is_documented_and_every_documented_operation_has_a_rule_and_a_sample() {
        Set<String> documented = new java.util.HashSet<>();
        operations.forEach(op -> documented.add(op.key()));
        List<String> undocumented = new ArrayList<>();
        var mapping = app.context().getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        mapping.getHandlerMethods().keySet().forEach(info -> info.getPatternsCondition().getPatterns().forEach(p -> {
            if (!p.getPatternString().startsWith("/api/")) return;
            info.getMethodsCondition().getMethods().forEach(m -> {
                // OpenAPI has no parameter that spans segments: a served {*rest} is documented as {rest}
                String path = p.getPatternString().replace("{*", "{");
                if (!documented.contains(m.name() + " " + path)) {
                    undocumented.add(m.name() + " " + path);
                }
            });
        }));
        assertThat(undocumented).as("served routes missing from openapi.yaml").isEmpty();

        List<String> problems = new ArrayList<>();
        for (Operation op : operations) {
            Optional<ApiAccessRules.Rule> rule = ruleOf(op);
            if (rule.isEmpty()) {
                problems.add(op.key() + ": no line in ApiAccessRules");
                continue;
            }
            if (rule.get().open() != op.open()) {
                problems.add(op.key() + ": open in " + (rule.get().open() ? "ApiAccessRules" : "openapi.yaml")
                        + " only");
            }
            if (op.takesBody() && !BODIES.containsKey(op.key())) {
                problems.add(op.key() + ": takes a body and has no sample in AuthorisationMatrixTest.BODIES");
            }
            op.variables().forEach(name -> {
                if (!ours.containsKey(name)) problems.add(op.key() + ": no fixture value for {" + name + "}");
            });
        }
        assertThat(problems).isEmpty();
        assertThat(operations).hasSizeGreaterThan(45);
    }

    @Test
    @Order(2)
    void without_a_token_every_operation_but_the_ways_in_answers_401() {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Operation op : operations) {
            if (op.open()) continue;
            Answer answer = send(op, null, ours);
            checked++;
            if (answer.status() != 401 || !"CREDENTIALS_REQUIRED".equals(answer.reason())) {
                wrong.add(op.key() + " -> " + answer);
            }
        }
        assertThat(wrong).isEmpty();
        assertThat((long) checked).isEqualTo(operations.stream().filter(op -> !op.open()).count())
                .isGreaterThan(40L);
    }

    @Test
    @Order(3)
    void a_caller_without_a_role_the_route_names_gets_403_and_a_service_account_403_where_a_person_must_act() {
        List<String> wrong = new ArrayList<>();
        List<String> noWrongCaller = new ArrayList<>();
        int checked = 0;
        for (Operation op : operations) {
            ApiAccessRules.Rule rule = rule(op);
            if (rule.open()) continue;
            boolean any = false;
            for (Role role : Role.values()) {
                if (rule.roles().contains(role)) continue;
                any = true;
                checked++;
                Answer answer = send(op, members.get(role), ours);
                if (answer.status() != 403 || !"ROLE_REQUIRED".equals(answer.reason())) {
                    wrong.add(op.key() + " as " + role + " -> " + answer);
                }
            }
            if (rule.membersOnly()) {
                any = true;
                checked++;
                Answer answer = send(op, robot, ours);
                if (answer.status() != 403 || !"MEMBER_REQUIRED".equals(answer.reason())) {
                    wrong.add(op.key() + " as a service account -> " + answer);
                }
            }
            if (!any) noWrongCaller.add(op.key());
        }
        assertThat(wrong).isEmpty();
        assertThat(checked).isGreaterThan(40);
        // only the routes open to every role of any kind of caller have no wrong caller: the readers' routes
        assertThat(noWrongCaller).allSatisfy(key -> assertThat(rule(operations.stream()
                .filter(op -> op.key().equals(key)).findFirst().orElseThrow()).roles())
                .containsExactlyInAnyOrder(Role.values()));
    }

    @Test
    @Order(4)
    void another_organisations_resources_answer_404_exactly_as_missing_ones() {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Operation op : operations) {
            if (op.open() || !op.namesTenantResource()) continue;
            checked++;
            Answer theirs = send(op, otherAdmin, ours);
            Answer none = send(op, otherAdmin, missing);
            if (theirs.status() != 404 || none.status() != 404 || theirs.reason() == null
                    || !theirs.reason().equals(none.reason())) {
                wrong.add(op.key() + " -> another's: " + theirs + " / missing: " + none);
            }
        }
        System.out.println("another tenant: " + checked + " operations checked");
        assertThat(wrong).isEmpty();
        assertThat(checked).isGreaterThan(30);
    }

    @Test
    @Order(5)
    void a_merchant_key_reaches_only_its_own_merchants_routes_within_its_scopes() {
        List<String> wrong = new ArrayList<>();
        int refused = 0;
        int admitted = 0;
        Map<String, String> secondMerchant = new HashMap<>(ours);
        secondMerchant.put("merchantId", SECOND_MERCHANT);
        for (Operation op : operations) {
            ApiAccessRules.Rule rule = rule(op);
            if (rule.open()) continue;
            if (rule.merchantScope() == null) {
                refused++;
                Answer answer = send(op, merchantKey, ours);
                if (answer.status() != 403 || !"MERCHANT_KEY_SCOPE".equals(answer.reason())) {
                    wrong.add(op.key() + " as a merchant key -> " + answer);
                }
                continue;
            }
            admitted++;
            Answer own = send(op, merchantKey, ours);
            if (own.status() < 200 || own.status() >= 300) wrong.add(op.key() + " own merchant -> " + own);
            Answer none = send(op, merchantKey, missing);
            Answer sibling = send(op, merchantKey, secondMerchant);
            Answer foreign = send(op, foreignMerchantKey, ours);
            for (Answer answer : List.of(sibling, foreign)) {
                if (answer.status() != 404 || none.status() != 404 || answer.reason() == null
                        || !answer.reason().equals(none.reason())) {
                    wrong.add(op.key() + " -> another merchant's: " + answer + " / missing: " + none);
                }
            }
            Answer narrow = send(op, readOnlyMerchantKey, ours);
            boolean readScope = rule.merchantScope() == io.custody.api.payment.MerchantApiKeyScope.READ_PAYMENTS;
            if (readScope ? narrow.status() != 200
                    : narrow.status() != 403 || !"MERCHANT_KEY_SCOPE".equals(narrow.reason())) {
                wrong.add(op.key() + " with a read-only merchant key -> " + narrow);
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(admitted).isEqualTo(2); // routing a payment and reading the merchant's payments
        assertThat(refused).isGreaterThan(40);
    }

    @Test
    @Order(6)
    void the_right_caller_gets_through_and_succeeds() {
        // changes first, removals last, the most specific first (a key before its service account)
        List<Operation> ordered = new ArrayList<>(operations.stream()
                .filter(op -> !op.method().equals(HttpMethod.DELETE)).toList());
        ordered.addAll(operations.stream().filter(op -> op.method().equals(HttpMethod.DELETE))
                .sorted(Comparator.comparingInt((Operation op) -> op.path().length()).reversed()).toList());
        List<String> wrong = new ArrayList<>();
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (Operation op : ordered) {
            ApiAccessRules.Rule rule = rule(op);
            Http caller;
            if (rule.open()) {
                caller = null;
            } else if (op.key().equals("DELETE /api/v1/sessions/current")) {
                caller = admin.anonymous().withToken(enrol("VIEWER").get("access_token").asString());
            } else {
                // one role the rule names, alone; the least powerful first
                Role role = List.of(Role.VIEWER, Role.COMPLIANCE_OFFICER, Role.SIGNER, Role.ORG_ADMIN).stream()
                        .filter(rule.roles()::contains).findFirst().orElseThrow();
                caller = members.get(role);
            }
            Map<String, String> values = new HashMap<>(ours);
            if (op.key().equals("POST /api/v1/wallets/{walletId}/proposals/{proposalId}/rejections")) {
                values.put("proposalId", otherProposal); // the first one is approved by then
            }
            if (op.key().equals("POST /api/v1/wallets/{walletId}/policy-changes/{changeId}/cancellation")) {
                values.put("changeId", otherChange);
            }
            Answer answer = send(op, caller, values);
            outcomes.put(op.key(), answer.status() + " " + answer.reason());
            boolean refusedByAccess = (answer.status() == 401 || answer.status() == 403)
                    && (answer.reason() == null || ACCESS_REASONS.contains(answer.reason()));
            String expected = NOT_A_SUCCESS.get(op.key());
            boolean success = answer.status() >= 200 && answer.status() < 300;
            if (refusedByAccess || expected == null && !success
                    || expected != null && !expected.equals(answer.status() + " " + answer.reason())) {
                wrong.add(op.key() + " -> " + answer);
            }
        }
        outcomes.forEach((key, outcome) -> System.out.println("right caller: " + key + " -> " + outcome));
        assertThat(wrong).as("outcomes: " + outcomes).isEmpty();
        assertThat(outcomes).hasSameSizeAs(operations);
    }
}
