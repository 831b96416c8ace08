package io.custody.infra.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.custody.infra.support.Http;
import io.custody.infra.support.RunningApplication;
import io.custody.infra.support.TestIdentity;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Sessions, tokens, roles and tenants against the running application: every refusal in the API's error format with
 * its status, and every credential that should stop working stopping on the very next request.
 */
class SessionsAndAccessIntegrationTest {

    static final String ALICE = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    static final String BOB = "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359";

    @TempDir
    static Path dataDir;
    static RunningApplication app;
    static Http admin;
    static Http anonymous;

    @BeforeAll
    static void start() {
        app = RunningApplication.start(dataDir);
        admin = app.http();
        anonymous = admin.anonymous();
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
    }

    static JsonNode refused(Http.Response response, int status, String code, String reason) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        JsonNode error = response.json().get("error");
        assertThat(error.get("code").asString()).isEqualTo(code);
        assertThat(error.get("reason").asString()).isEqualTo(reason);
        assertThat(error.get("traceId").asString()).isEqualTo(response.header("X-Trace-Id"));
        return error;
    }

    static String wallet(Http http) {
        Http.Response created = http.post("/api/v1/wallets", """
                {"name":"Vault","signers":["%s","%s"],"threshold":2,"chainFamily":"EVM"}""".formatted(ALICE, BOB));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("walletId").asString();
    }

    static JsonNode invite(String... roles) {
        Http.Response invited = admin.post("/api/v1/organisation/invitations",
                "{\"roles\":[\"" + String.join("\",\"", roles) + "\"]}");
        assertThat(invited.status()).as(invited.body()).isEqualTo(201);
        return invited.json();
    }

    static JsonNode enrol(String token, String name) {
        Http.Response enrolled = anonymous.post("/api/v1/enrolment",
                "{\"token\":\"" + token + "\",\"displayName\":\"" + name + "\"}");
        assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(201);
        return enrolled.json();
    }

    @Test
    void without_credentials_every_api_route_answers_401_and_only_the_way_in_is_open() {
        JsonNode error = refused(anonymous.get("/api/v1/wallets"), 401, "UNAUTHENTICATED", "CREDENTIALS_REQUIRED");
        assertThat(error.get("message").asString()).contains("Bearer");
        assertThat(anonymous.get("/api/v1/wallets").header("WWW-Authenticate")).startsWith("Bearer");
        refused(anonymous.post("/api/v1/wallets", "{}"), 401, "UNAUTHENTICATED", "CREDENTIALS_REQUIRED");
        // without credentials nobody learns which paths exist; with them, routing answers 404 and 405
        refused(anonymous.get("/api/v1/nothing-here"), 401, "UNAUTHENTICATED", "CREDENTIALS_REQUIRED");
        refused(anonymous.send("DELETE", "/api/v1/wallets", null, null), 401, "UNAUTHENTICATED",
                "CREDENTIALS_REQUIRED");
        assertThat(admin.get("/api/v1/nothing-here").status()).isEqualTo(404);
        assertThat(admin.send("DELETE", "/api/v1/wallets", null, null).status()).isEqualTo(405);
        // the way in answers without credentials, and refuses a wrong token in the API's format
        refused(anonymous.post("/api/v1/enrolment", """
                {"token":"boot.nope","organisation":"guess","organisationName":"Guess","displayName":"Eve"}"""),
                401, "UNAUTHENTICATED", "ENROLMENT_INVALID");
        refused(anonymous.post("/api/v1/sessions/refresh", "{\"refreshToken\":\"rt.nope\"}"), 401,
                "UNAUTHENTICATED", "ENROLMENT_INVALID");
        assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
    }

    @Test
    void every_api_route_the_application_serves_is_declared_in_the_access_rules() {
        var mapping = app.context().getBean("requestMappingHandlerMapping",
                org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping.class);
        var parser = new org.springframework.web.util.pattern.PathPatternParser();
        List<String> undeclared = new java.util.ArrayList<>();
        int checked = 0;
        for (var info : mapping.getHandlerMethods().keySet()) {
            for (var pattern : info.getPatternsCondition().getPatterns()) {
                if (!pattern.getPatternString().startsWith("/api/")) continue;
                for (var method : info.getMethodsCondition().getMethods()) {
                    checked++;
                    // a concrete path for the pattern: every variable replaced by a plausible value
                    String path = pattern.getPatternString().replaceAll("\\{[^}]+}", "x");
                    boolean declared = io.custody.infra.security.ApiAccessRules.RULES.stream().anyMatch(rule ->
                            rule.method().name().equals(method.name())
                                    && parser.parse(rule.pattern()).matches(
                                    org.springframework.http.server.PathContainer.parsePath(path)));
                    if (!declared) undeclared.add(method + " " + pattern.getPatternString());
                }
            }
        }
        assertThat(checked).isGreaterThan(30);
        assertThat(undeclared).as("routes missing from ApiAccessRules").isEmpty();
    }

    @Test
    void the_bootstrap_enrolment_works_once_only() {
        Http.Response again = anonymous.post("/api/v1/enrolment", """
                {"token":"boot.%s","organisation":"second-try","organisationName":"Again","displayName":"Mallory"}"""
                .formatted(TestIdentity.BOOTSTRAP_SECRET));
        refused(again, 401, "UNAUTHENTICATED", "ENROLMENT_INVALID");
        assertThat(app.jdbc().queryForObject("SELECT count(*) FROM identity_organisation WHERE organisation_id = "
                + "'second-try'", Long.class)).isZero();
    }

    @Test
    void tokens_that_are_not_ours_or_no_longer_valid_are_refused() throws Exception {
        String real = TestIdentity.adminToken(app.baseUrl(), dataDir);
        SignedJWT parsed = SignedJWT.parse(real);
        JWTClaimsSet claims = parsed.getJWTClaimsSet();

        ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID(parsed.getHeader().getKeyID()).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(new JOSEObjectType("at+jwt")).keyID(stranger.getKeyID()).build(), claims);
        forged.sign(new ECDSASigner(stranger));
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt"))
                .keyID(parsed.getHeader().getKeyID()).build(), claims);
        hmac.sign(new MACSigner(new byte[32]));
        String unsigned = new PlainJWT(claims).serialize();
        String[] parts = real.split("\\.");
        String tamperedPayload = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims.toString().replace(claims.getStringClaim("org"), "other-org").getBytes()) + "." + parts[2];

        SigningKeys keys = app.context().getBean(SigningKeys.class);
        String expired = sign(keys.current(), new JWTClaimsSet.Builder(claims)
                .expirationTime(Date.from(Instant.now().minusSeconds(60)))
                .notBeforeTime(Date.from(Instant.now().minusSeconds(700))).build(), "at+jwt");
        String wrongAudience = sign(keys.current(), new JWTClaimsSet.Builder(claims).audience("elsewhere").build(),
                "at+jwt");
        String wrongType = sign(keys.current(), claims, "JWT");

        for (String token : List.of(forged.serialize(), hmac.serialize(), unsigned, tamperedPayload, expired,
                wrongAudience, wrongType, "garbage", real + "x")) {
            Http.Response response = anonymous.withToken(token).get("/api/v1/wallets");
            refused(response, 401, "UNAUTHENTICATED", "TOKEN_INVALID");
            assertThat(response.header("WWW-Authenticate")).contains("invalid_token");
        }
        refused(anonymous.get("/api/v1/wallets", "Authorization", "Basic YWRtaW46YWRtaW4="), 401, "UNAUTHENTICATED",
                "TOKEN_INVALID");
        // and the real one, signed with the same key, still works
        assertThat(anonymous.withToken(real).get("/api/v1/wallets").status()).isEqualTo(200);
    }

    private static String sign(ECKey key, JWTClaimsSet claims, String type) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType(type))
                .keyID(key.getKeyID()).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    @Test
    void the_jwks_serves_public_keys_only_and_rotation_keeps_earlier_tokens_valid() {
        JsonNode before = anonymous.get("/.well-known/jwks.json").json();
        assertThat(before.get("keys")).isNotEmpty();
        before.get("keys").forEach(k -> {
            assertThat(k.get("kty").asString()).isEqualTo("EC");
            assertThat(k.get("crv").asString()).isEqualTo("P-256");
            assertThat(k.has("d")).as("no private part").isFalse();
        });
        JsonNode member = enrol(invite("VIEWER").get("enrolmentToken").asString(), "Rita Rotation");
        String earlier = member.get("access_token").asString();

        app.context().getBean(SigningKeys.class).rotate();

        JsonNode after = anonymous.get("/.well-known/jwks.json").json();
        assertThat(after.get("keys")).hasSize(before.get("keys").size() + 1);
        assertThat(anonymous.withToken(earlier).get("/api/v1/me").status()).isEqualTo(200);
        Http.Response refreshed = anonymous.post("/api/v1/sessions/refresh",
                "{\"refreshToken\":\"" + member.get("refresh_token").asString() + "\"}");
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        String later = refreshed.json().get("access_token").asString();
        assertThat(header(later).get("kid").asString()).isEqualTo(after.get("keys").get(0).get("kid").asString())
                .isNotEqualTo(header(earlier).get("kid").asString());
        assertThat(anonymous.withToken(later).get("/api/v1/me").status()).isEqualTo(200);
    }

    private static JsonNode header(String jwt) {
        return Http.JSON.readTree(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[0]));
    }

    @Test
    void refresh_tokens_are_single_use_and_a_replayed_one_ends_the_session() {
        JsonNode member = enrol(invite("VIEWER").get("enrolmentToken").asString(), "Rob Refresh");
        String first = member.get("refresh_token").asString();
        Http.Response next = anonymous.post("/api/v1/sessions/refresh", "{\"refreshToken\":\"" + first + "\"}");
        assertThat(next.status()).isEqualTo(200);
        String access = next.json().get("access_token").asString();
        assertThat(anonymous.withToken(access).get("/api/v1/me").status()).isEqualTo(200);

        // the used refresh token presented again: a copy is loose, so the whole session ends
        refused(anonymous.post("/api/v1/sessions/refresh", "{\"refreshToken\":\"" + first + "\"}"), 401,
                "UNAUTHENTICATED", "ENROLMENT_INVALID");
        refused(anonymous.withToken(access).get("/api/v1/me"), 401, "UNAUTHENTICATED", "SESSION_REVOKED");
        String second = next.json().get("refresh_token").asString();
        refused(anonymous.post("/api/v1/sessions/refresh", "{\"refreshToken\":\"" + second + "\"}"), 401,
                "UNAUTHENTICATED", "ENROLMENT_INVALID");
    }

    @Test
    void logout_ends_the_session_at_once() {
        JsonNode member = enrol(invite("VIEWER").get("enrolmentToken").asString(), "Lou Logout");
        Http session = anonymous.withToken(member.get("access_token").asString());
        assertThat(session.get("/api/v1/wallets").status()).isEqualTo(200);
        assertThat(session.delete("/api/v1/sessions/current").status()).isEqualTo(204);
        refused(session.get("/api/v1/wallets"), 401, "UNAUTHENTICATED", "SESSION_REVOKED");
        refused(anonymous.post("/api/v1/sessions/refresh",
                        "{\"refreshToken\":\"" + member.get("refresh_token").asString() + "\"}"), 401,
                "UNAUTHENTICATED", "ENROLMENT_INVALID");
    }

    @Test
    void an_invitation_is_single_use_and_a_wrong_or_foreign_secret_gets_the_same_answer() {
        String token = invite("SIGNER").get("enrolmentToken").asString();
        String[] parts = token.split("\\.");
        String wrongSecret = parts[0] + "." + parts[1] + "." + parts[2] + "." + "A".repeat(43);
        String otherOrganisation = parts[0] + ".no-such-org." + parts[2] + "." + parts[3];
        String unknownInvitation = parts[0] + "." + parts[1] + "." + UUID.randomUUID() + "." + parts[3];
        for (String bad : List.of(wrongSecret, otherOrganisation, unknownInvitation, "inv.x", "inv...")) {
            refused(anonymous.post("/api/v1/enrolment", "{\"token\":\"" + bad + "\",\"displayName\":\"Eve\"}"), 401,
                    "UNAUTHENTICATED", "ENROLMENT_INVALID");
        }
        JsonNode joined = enrol(token, "Sam Signer");
        assertThat(anonymous.withToken(joined.get("access_token").asString()).get("/api/v1/me").json()
                .get("roles").get(0).asString()).isEqualTo("SIGNER");
        refused(anonymous.post("/api/v1/enrolment", "{\"token\":\"" + token + "\",\"displayName\":\"Sam again\"}"),
                401, "UNAUTHENTICATED", "ENROLMENT_INVALID");
    }

    @Test
    void roles_decide_each_route_and_role_changes_and_removal_take_effect_on_the_next_request() {
        JsonNode viewer = enrol(invite("VIEWER").get("enrolmentToken").asString(), "Vic Viewer");
        Http vic = anonymous.withToken(viewer.get("access_token").asString());
        String walletId = wallet(admin);
        await().atMost(Duration.ofSeconds(30)).until(() -> vic.get("/api/v1/wallets/" + walletId).status() == 200);
        refused(vic.post("/api/v1/wallets", "{}"), 403, "FORBIDDEN", "ROLE_REQUIRED");
        refused(vic.patch("/api/v1/wallets/" + walletId, "{\"name\":\"Mine\"}"), 403, "FORBIDDEN", "ROLE_REQUIRED");
        refused(vic.post("/api/v1/organisation/invitations", "{\"roles\":[\"ORG_ADMIN\"]}"), 403, "FORBIDDEN",
                "ROLE_REQUIRED");

        String memberId = viewer.get("member_id").asString();
        assertThat(admin.put("/api/v1/organisation/members/" + memberId + "/roles", "{\"roles\":[\"ORG_ADMIN\"]}")
                .status()).isEqualTo(204);
        assertThat(vic.patch("/api/v1/wallets/" + walletId, "{\"name\":\"Renamed by Vic\"}").status()).isEqualTo(204);

        assertThat(admin.delete("/api/v1/organisation/members/" + memberId).status()).isEqualTo(204);
        refused(vic.get("/api/v1/wallets"), 401, "UNAUTHENTICATED", "SESSION_REVOKED");
    }

    @Test
    void the_last_administrator_cannot_leave_or_lose_the_role() {
        // an organisation of its own, so that it certainly has a single administrator
        Http solo = TestIdentity.newOrganisation(app, "solo-" + UUID.randomUUID().toString().substring(0, 8));
        String me = solo.get("/api/v1/me").json().get("subject").asString();
        refused(solo.delete("/api/v1/organisation/members/" + me), 409, "CONFLICT", "LAST_ADMINISTRATOR");
        refused(solo.put("/api/v1/organisation/members/" + me + "/roles", "{\"roles\":[\"VIEWER\"]}"), 409,
                "CONFLICT", "LAST_ADMINISTRATOR");
        assertThat(solo.get("/api/v1/organisation/members").json().get(0).get("roles").toString())
                .contains("ORG_ADMIN");
        refused(solo.delete("/api/v1/organisation/members/" + UUID.randomUUID()), 404, "NOT_FOUND",
                "MEMBER_NOT_FOUND");
    }

    @Test
    void service_accounts_act_within_their_roles_never_vote_and_stop_at_once_when_revoked() {
        Http.Response created = admin.post("/api/v1/organisation/service-accounts",
                "{\"name\":\"Reporting\",\"roles\":[\"VIEWER\",\"SIGNER\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("serviceAccountId").asString();
        Http robot = anonymous.withToken(created.json().get("token").asString());
        String walletId = wallet(admin);
        await().atMost(Duration.ofSeconds(30)).until(() -> robot.get("/api/v1/wallets/" + walletId).status() == 200);
        assertThat(robot.get("/api/v1/me").json().get("kind").asString()).isEqualTo("SERVICE_ACCOUNT");
        refused(robot.post("/api/v1/wallets", "{}"), 403, "FORBIDDEN", "ROLE_REQUIRED");
        // SIGNER or not, a service account never approves or rejects: that needs the signer's own credential
        String proposal = "/api/v1/wallets/" + walletId + "/proposals/" + UUID.randomUUID();
        refused(robot.post(proposal + "/approvals", "{\"signer\":\"" + ALICE + "\",\"signature\":\"0x00\"}"), 403,
                "FORBIDDEN", "MEMBER_REQUIRED");
        refused(robot.post(proposal + "/rejections", "{\"signer\":\"" + ALICE + "\",\"signature\":\"0x00\"}"), 403,
                "FORBIDDEN", "MEMBER_REQUIRED");
        // the listing never shows a token or its hash
        String listed = admin.get("/api/v1/organisation/service-accounts").body();
        assertThat(listed).contains(id).doesNotContain(created.json().get("token").asString().substring(41))
                .doesNotContain("hash");
        // a token with the right id and a wrong secret
        String forged = "csa." + id + "." + "B".repeat(43);
        refused(anonymous.withToken(forged).get("/api/v1/wallets"), 401, "UNAUTHENTICATED", "TOKEN_INVALID");

        assertThat(admin.delete("/api/v1/organisation/service-accounts/" + id).status()).isEqualTo(204);
        refused(robot.get("/api/v1/wallets"), 401, "UNAUTHENTICATED", "SESSION_REVOKED");
    }

    @Test
    void another_organisations_resources_answer_exactly_as_missing_ones() {
        String ours = wallet(admin);
        await().atMost(Duration.ofSeconds(30)).until(() -> admin.get("/api/v1/wallets/" + ours).status() == 200);
        Http other = TestIdentity.newOrganisation(app, "other-" + UUID.randomUUID().toString().substring(0, 8));
        String missing = UUID.randomUUID().toString();
        for (String suffix : List.of("", "/balances", "/proposals", "/escrow-transactions",
                "/proposals/" + UUID.randomUUID())) {
            Http.Response theirs = other.get("/api/v1/wallets/" + ours + suffix);
            Http.Response none = other.get("/api/v1/wallets/" + missing + suffix);
            if (suffix.equals("/escrow-transactions") || suffix.isEmpty() || suffix.equals("/balances")
                    || suffix.equals("/proposals")) {
                assertThat(theirs.status()).as(suffix).isEqualTo(404);
            }
            assertThat(theirs.status()).as(suffix).isEqualTo(none.status());
            assertThat(theirs.json().get("error").get("reason").asString())
                    .isEqualTo(none.json().get("error").get("reason").asString());
            assertThat(theirs.json().get("error").get("message").asString().replace(ours, "ID"))
                    .isEqualTo(none.json().get("error").get("message").asString().replace(missing, "ID"));
        }
        Http.Response rename = other.patch("/api/v1/wallets/" + ours, "{\"name\":\"Stolen\"}");
        Http.Response renameMissing = other.patch("/api/v1/wallets/" + missing, "{\"name\":\"Stolen\"}");
        assertThat(rename.status()).isEqualTo(404).isEqualTo(renameMissing.status());
        assertThat(rename.json().get("error").get("message").asString())
                .isEqualTo(renameMissing.json().get("error").get("message").asString());
        Http.Response signer = other.send("PUT", "/api/v1/wallets/" + ours + "/signers/"
                + "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", null, null);
        assertThat(signer.status()).isEqualTo(404);
        assertThat(other.get("/api/v1/wallets").json().get("total").asLong()).isZero();
        refused(other.get("/api/v1/wallets?organisation=" + TestIdentity.ORGANISATION), 400, "VALIDATION_ERROR",
                "INVALID_FIELD");
        assertThat(admin.get("/api/v1/wallets/" + ours).json().get("name").asString()).isEqualTo("Vault");
    }

    @Test
    void the_caller_reaches_the_metadata_of_the_events_it_causes() {
        JsonNode me = admin.get("/api/v1/me").json();
        String walletId = admin.post("/api/v1/wallets", """
                {"name":"Audited","signers":["%s","%s"],"threshold":2,"chainFamily":"EVM"}""".formatted(ALICE, BOB),
                "User-Agent", "custody-test/1.0").json().get("walletId").asString();
        String metaData = app.jdbc().queryForObject("SELECT convert_from(metaData, 'UTF8') FROM DomainEventEntry "
                + "WHERE aggregateIdentifier = ? AND sequenceNumber = 0", String.class, walletId);
        JsonNode meta = Http.JSON.readTree(metaData);
        assertThat(meta.get("organisation").asString()).isEqualTo(TestIdentity.ORGANISATION);
        assertThat(meta.get("callerId").asString()).isEqualTo(me.get("subject").asString());
        assertThat(meta.get("callerKind").asString()).isEqualTo("MEMBER");
        assertThat(meta.get("sessionId").asString()).isEqualTo(me.get("session").asString());
        assertThat(meta.get("credentialId").asString()).isEqualTo("enrolment:bootstrap");
        assertThat(meta.get("clientIp").asString()).isEqualTo("127.0.0.1");
        assertThat(meta.get("userAgent").asString()).isEqualTo("custody-test/1.0");
        assertThat(meta.get("traceId").asString()).matches("[0-9a-f]{32}");
    }
}
