package io.custody.infra.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.custody.infra.support.Http;
import io.custody.infra.support.RunningApplication;
import io.custody.infra.support.TestIdentity;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A service account's key pair end to end: an administrator registers its public key, the account exchanges signed
 * assertions for access tokens at the token endpoint, and every refusal of the exchange answers {@code 401
 * ASSERTION_INVALID}; revoking the key or the account ends the tokens obtained with it on the next request.
 * {@code ServiceAccountAssertionsTest} pins each refusal to its check.
 */
class ServiceAccountKeyPairIntegrationTest {

    static final String TOKEN_PATH = "/api/v1/oauth/token";

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

    static String serviceAccount(String... roles) {
        Http.Response created = admin.post("/api/v1/organisation/service-accounts",
                "{\"name\":\"Robot\",\"roles\":[\"" + String.join("\",\"", roles) + "\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("serviceAccountId").asString();
    }

    static String register(String account, String jwkJson) {
        Http.Response registered = admin.post("/api/v1/organisation/service-accounts/" + account + "/keys",
                "{\"publicKey\":" + jwkJson + "}");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        return registered.json().get("keyId").asString();
    }

    static Http.Response exchange(String assertion) {
        return anonymous.send("POST", TOKEN_PATH, "application/x-www-form-urlencoded",
                "grant_type=" + URLEncoder.encode(ServiceAccountAssertions.GRANT_TYPE, StandardCharsets.UTF_8)
                        + "&assertion=" + URLEncoder.encode(assertion, StandardCharsets.UTF_8));
    }

    static JWTClaimsSet.Builder claims(String account) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(account).subject(account).audience("custody")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60)))
                .jwtID(UUID.randomUUID().toString());
    }

    static String sign(ECKey key, String kid, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(kid).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    static void refused(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(401);
        JsonNode error = response.json().get("error");
        assertThat(error.get("code").asString()).isEqualTo("UNAUTHENTICATED");
        assertThat(error.get("reason").asString()).isEqualTo("ASSERTION_INVALID");
        assertThat(error.get("message").asString()).isEqualTo("The assertion is not valid");
    }

    @Test
    void an_assertion_signed_with_a_registered_key_buys_a_short_lived_token_that_acts_within_the_accounts_roles()
            throws Exception {
        String account = serviceAccount("VIEWER", "SIGNER");
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();
        String kid = register(account, key.toPublicJWK().toJSONString());
        assertThat(register(account, key.toPublicJWK().toJSONString())).as("same key, same id").isEqualTo(kid);

        String assertion = sign(key, kid, claims(account).build());
        Http.Response issued = exchange(assertion);
        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
        assertThat(issued.header("Cache-Control")).contains("no-store");
        assertThat(issued.json().get("token_type").asString()).isEqualTo("Bearer");
        assertThat(issued.json().get("expires_in").asLong()).isEqualTo(300);
        Http robot = anonymous.withToken(issued.json().get("access_token").asString());

        JsonNode me = robot.get("/api/v1/me").json();
        assertThat(me.get("kind").asString()).isEqualTo("SERVICE_ACCOUNT");
        assertThat(me.get("subject").asString()).isEqualTo(account);
        assertThat(me.get("organisation").asString()).isEqualTo(TestIdentity.ORGANISATION);
        assertThat(robot.get("/api/v1/wallets").status()).isEqualTo(200);
        Http.Response create = robot.post("/api/v1/wallets", "{}");
        assertThat(create.status()).isEqualTo(403);
        assertThat(create.json().get("error").get("reason").asString()).isEqualTo("ROLE_REQUIRED");
        Http.Response approve = robot.post("/api/v1/wallets/" + UUID.randomUUID() + "/proposals/" + UUID.randomUUID()
                + "/approvals", "{}");
        assertThat(approve.json().get("error").get("reason").asString()).isEqualTo("MEMBER_REQUIRED");

        // the same assertion once more: its id is used up
        refused(exchange(assertion));
        // the listing names the key by id and algorithm, and shows nothing of the key itself
        JsonNode listed = null;
        for (JsonNode entry : admin.get("/api/v1/organisation/service-accounts").json()) {
            if (entry.get("serviceAccountId").asString().equals(account)) listed = entry;
        }
        assertThat(listed).isNotNull();
        assertThat(listed.get("keys")).hasSize(1);
        assertThat(listed.get("keys").get(0).get("keyId").asString()).isEqualTo(kid);
        assertThat(listed.get("keys").get(0).get("algorithm").asString()).isEqualTo("ES256");
        assertThat(listed.toString()).doesNotContain(key.getX().toString());
        // the key's registration is an event of the account
        assertThat(app.jdbc().queryForObject("SELECT count(*) FROM DomainEventEntry WHERE aggregateIdentifier = ? "
                + "AND payloadType LIKE '%ServiceAccountKeyRegistered'", Long.class, account)).isEqualTo(1);
    }

    @Test
    void an_ed25519_key_works_the_same_way() throws Exception {
        String account = serviceAccount("VIEWER");
        Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(new SecureRandom());
        String kid = register(account, "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\""
                + Base64URL.encode(key.generatePublicKey().getEncoded()) + "\"}");
        String assertion = ServiceAccountAssertionsTest.eddsa("{\"alg\":\"EdDSA\",\"kid\":\"" + kid + "\"}",
                claims(account).build(), key);
        Http.Response issued = exchange(assertion);
        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
        assertThat(anonymous.withToken(issued.json().get("access_token").asString()).get("/api/v1/wallets").status())
                .isEqualTo(200);
    }

    @Test
    void every_bad_assertion_gets_the_same_401() throws Exception {
        String account = serviceAccount("VIEWER");
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();
        String kid = register(account, key.toPublicJWK().toJSONString());
        ECKey stranger = new ECKeyGenerator(Curve.P_256).generate();
        Instant now = Instant.now();

        refused(exchange(sign(stranger, kid, claims(account).build())));                       // wrong signature
        refused(exchange(sign(key, kid, claims(account).audience("https://elsewhere").build()))); // wrong audience
        refused(exchange(sign(key, kid, claims(account).issueTime(Date.from(now.minusSeconds(300)))
                .expirationTime(Date.from(now.minusSeconds(60))).build())));                    // expired
        refused(exchange(sign(key, kid, claims(account).expirationTime(Date.from(now.plus(Duration.ofDays(1))))
                .build())));                                                                     // too long-lived
        refused(exchange(sign(stranger, "unknown-key", claims(account).build())));            // unknown key
        refused(exchange(new PlainJWT(claims(account).build()).serialize()));                   // alg none
        String other = serviceAccount("VIEWER");
        refused(exchange(sign(key, kid, claims(other).build())));                               // another account
        refused(exchange("not-a-jwt"));

        String used = sign(key, kid, claims(account).build());
        assertThat(exchange(used).status()).isEqualTo(200);
        refused(exchange(used));                                                                 // replayed

        Http.Response wrongGrant = anonymous.send("POST", TOKEN_PATH, "application/x-www-form-urlencoded",
                "grant_type=client_credentials&assertion=" + used);
        assertThat(wrongGrant.status()).isEqualTo(400);
        assertThat(wrongGrant.json().get("error").get("details").has("grant_type")).isTrue();
        assertThat(anonymous.send("POST", TOKEN_PATH, "application/x-www-form-urlencoded",
                "grant_type=" + URLEncoder.encode(ServiceAccountAssertions.GRANT_TYPE, StandardCharsets.UTF_8))
                .status()).isEqualTo(400);
        assertThat(anonymous.post(TOKEN_PATH, "{\"assertion\":\"" + used + "\"}").status()).isEqualTo(415);
    }

    @Test
    void revoking_the_key_or_the_account_ends_its_tokens_at_once() throws Exception {
        String account = serviceAccount("VIEWER");
        ECKey first = new ECKeyGenerator(Curve.P_256).generate();
        ECKey second = new ECKeyGenerator(Curve.P_256).generate();
        String firstKid = register(account, first.toPublicJWK().toJSONString());
        String secondKid = register(account, second.toPublicJWK().toJSONString());
        Http byFirst = anonymous.withToken(exchange(sign(first, firstKid, claims(account).build())).json()
                .get("access_token").asString());
        Http bySecond = anonymous.withToken(exchange(sign(second, secondKid, claims(account).build())).json()
                .get("access_token").asString());
        assertThat(byFirst.get("/api/v1/wallets").status()).isEqualTo(200);

        assertThat(admin.delete("/api/v1/organisation/service-accounts/" + account + "/keys/" + firstKid).status())
                .isEqualTo(204);
        Http.Response ended = byFirst.get("/api/v1/wallets");
        assertThat(ended.status()).isEqualTo(401);
        assertThat(ended.json().get("error").get("reason").asString()).isEqualTo("SESSION_REVOKED");
        refused(exchange(sign(first, firstKid, claims(account).build())));
        assertThat(bySecond.get("/api/v1/wallets").status()).as("the other key still works").isEqualTo(200);
        Http.Response again = admin.post("/api/v1/organisation/service-accounts/" + account + "/keys",
                "{\"publicKey\":" + first.toPublicJWK().toJSONString() + "}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("error").get("reason").asString()).isEqualTo("KEY_REVOKED");

        assertThat(admin.delete("/api/v1/organisation/service-accounts/" + account).status()).isEqualTo(204);
        assertThat(bySecond.get("/api/v1/wallets").status()).isEqualTo(401);
        refused(exchange(sign(second, secondKid, claims(account).build())));
    }

    @Test
    void keys_are_checked_and_belong_to_the_callers_organisation_only() throws Exception {
        String account = serviceAccount("VIEWER");
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();
        Http.Response withPrivate = admin.post("/api/v1/organisation/service-accounts/" + account + "/keys",
                "{\"publicKey\":" + key.toJSONString() + "}");
        assertThat(withPrivate.status()).isEqualTo(400);
        assertThat(withPrivate.body()).doesNotContain(key.getD().toString());
        Http.Response rsa = admin.post("/api/v1/organisation/service-accounts/" + account + "/keys",
                "{\"publicKey\":{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\"}}");
        assertThat(rsa.status()).isEqualTo(400);

        Http other = TestIdentity.newOrganisation(app, "keys-" + UUID.randomUUID().toString().substring(0, 8));
        Http.Response foreign = other.post("/api/v1/organisation/service-accounts/" + account + "/keys",
                "{\"publicKey\":" + key.toPublicJWK().toJSONString() + "}");
        Http.Response missing = other.post("/api/v1/organisation/service-accounts/" + UUID.randomUUID() + "/keys",
                "{\"publicKey\":" + key.toPublicJWK().toJSONString() + "}");
        assertThat(foreign.status()).isEqualTo(404).isEqualTo(missing.status());
        assertThat(foreign.json().get("error").get("reason").asString())
                .isEqualTo(missing.json().get("error").get("reason").asString());
    }
}
