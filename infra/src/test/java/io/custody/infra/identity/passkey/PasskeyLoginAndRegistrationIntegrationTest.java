package io.custody.infra.identity.passkey;

import static org.assertj.core.api.Assertions.assertThat;

import com.webauthn4j.data.UserVerificationRequirement;
import io.custody.infra.support.EmulatedPasskey;
import io.custody.infra.support.Http;
import io.custody.infra.support.RunningApplication;
import io.custody.infra.support.TestIdentity;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Passkey registration and login over real HTTP on the running application (embedded PostgreSQL, challenges in it),
 * with webauthn4j-test's emulated authenticator as the person's device: the good paths (usernameless and for a known
 * member, ending in the same session tokens as enrolment), every bad case of issue 11 answered in the API's error
 * format, and a member's own list, rename and revoke.
 */
class PasskeyLoginAndRegistrationIntegrationTest {

    @TempDir
    static Path dataDir;
    static RunningApplication app;
    static Http admin;
    static Http anonymous;

    @BeforeAll
    static void start() {
        app = RunningApplication.start(dataDir, EmulatedPasskey.ARGUMENTS);
        admin = app.http();
        anonymous = admin.anonymous();
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
    }

    /** A new member of the test organisation with a session of their own (enrolled through an invitation). */
    record Member(String id, Http http) {
    }

    static Member member(String name, String... roles) {
        Http.Response invited = admin.post("/api/v1/organisation/invitations",
                "{\"roles\":[\"" + String.join("\",\"", roles) + "\"]}");
        assertThat(invited.status()).as(invited.body()).isEqualTo(201);
        Http.Response enrolled = anonymous.post("/api/v1/enrolment", "{\"token\":\""
                + invited.json().get("enrolmentToken").asString() + "\",\"displayName\":\"" + name + "\"}");
        assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(201);
        return new Member(enrolled.json().get("member_id").asString(),
                anonymous.withToken(enrolled.json().get("access_token").asString()));
    }

    static EmulatedPasskey registered(Member member, String name) {
        EmulatedPasskey device = new EmulatedPasskey();
        Http.Response registered = device.register(member.http(), name);
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        return device;
    }

    static JsonNode refused(Http.Response response, int status, String reason) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        JsonNode error = response.json().get("error");
        assertThat(error.get("reason").asString()).as(response.body()).isEqualTo(reason);
        assertThat(error.get("traceId").asString()).isNotBlank();
        return error;
    }

    /** Fresh login options: the ceremony id and the challenge. */
    static JsonNode loginOptions(String body) {
        Http.Response options = anonymous.post("/api/v1/passkeys/login-options", body);
        assertThat(options.status()).as(options.body()).isEqualTo(200);
        return options.json();
    }

    static Http.Response logIn(JsonNode options, ObjectNode credential) {
        return anonymous.post("/api/v1/passkeys/login",
                EmulatedPasskey.loginBody(options.get("ceremonyId").asString(), credential));
    }

    static String challenge(JsonNode options) {
        return options.get("publicKey").get("challenge").asString();
    }

    static long events(String type, String aggregate) {
        return app.jdbc().queryForObject("SELECT count(*) FROM DomainEventEntry WHERE payloadType = ? "
                + "AND aggregateIdentifier = ?", Long.class, "io.custody.api.identity." + type, aggregate);
    }

    @Test
    void a_member_registers_a_passkey_and_logs_in_with_it_without_a_username_and_by_member_id() {
        Member ada = member("Ada Lovelace", "SIGNER", "VIEWER");
        EmulatedPasskey device = new EmulatedPasskey();

        Http.Response registered = device.register(ada.http(), "Ada's laptop");

        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        assertThat(registered.json().get("credentialId").asString()).isEqualTo(device.credentialId());
        assertThat(registered.json().get("name").asString()).isEqualTo("Ada's laptop");
        assertThat(registered.json().get("attestationFormat").asString()).isEqualTo("none");
        assertThat(registered.json().get("signer").asString()).startsWith("passkey:").hasSize(51);
        JsonNode listed = ada.http().get("/api/v1/passkeys").json().get("passkeys");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("credentialId").asString()).isEqualTo(device.credentialId());
        assertThat(events("PasskeyRegistered", ada.id())).isEqualTo(1);

        Http.Response usernameless = device.logIn(anonymous);
        assertThat(usernameless.status()).as(usernameless.body()).isEqualTo(200);
        assertThat(usernameless.json().get("member_id").asString()).isEqualTo(ada.id());
        assertThat(usernameless.json().get("token_type").asString()).isEqualTo("Bearer");
        Http session = anonymous.withToken(usernameless.json().get("access_token").asString());
        JsonNode me = session.get("/api/v1/me").json();
        assertThat(me.get("subject").asString()).isEqualTo(ada.id());
        assertThat(me.get("roles").toString()).contains("SIGNER", "VIEWER");
        // the refresh token of a passkey session works as any other
        Http.Response refreshed = anonymous.post("/api/v1/sessions/refresh",
                "{\"refreshToken\":\"" + usernameless.json().get("refresh_token").asString() + "\"}");
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);

        JsonNode known = loginOptions("{\"memberId\":\"" + ada.id() + "\"}");
        assertThat(known.get("publicKey").get("allowCredentials").get(0).get("id").asString())
                .isEqualTo(device.credentialId());
        assertThat(known.get("publicKey").get("userVerification").asString()).isEqualTo("required");
        Http.Response byMember = logIn(known, device.assertion(challenge(known)));
        assertThat(byMember.status()).as(byMember.body()).isEqualTo(200);
        assertThat(byMember.json().get("member_id").asString()).isEqualTo(ada.id());
        assertThat(events("PasskeyUsed", ada.id())).isEqualTo(2);
    }

    @Test
    void an_assertion_from_another_origin_tampered_badly_signed_or_without_user_verification_is_refused() {
        Member bea = member("Bea", "VIEWER");
        EmulatedPasskey device = registered(bea, "Phone");

        JsonNode options = loginOptions("{}");
        refused(logIn(options, device.assertion(challenge(options), "https://custody.example.evil",
                UserVerificationRequirement.REQUIRED)), 401, "PASSKEY_INVALID");

        options = loginOptions("{}");
        ObjectNode good = device.assertion(challenge(options));
        refused(logIn(options, EmulatedPasskey.withResponse(good, "clientDataJSON",
                EmulatedPasskey.tamperedClientData(good))), 401, "PASSKEY_INVALID");

        options = loginOptions("{}");
        good = device.assertion(challenge(options));
        byte[] signature = EmulatedPasskey.decode(good.get("response").get("signature").asString());
        signature[signature.length - 1] ^= 0x01;
        refused(logIn(options, EmulatedPasskey.withResponse(good, "signature", EmulatedPasskey.encode(signature))), 401,
                "PASSKEY_INVALID");

        options = loginOptions("{}");
        refused(logIn(options, device.assertion(challenge(options), EmulatedPasskey.ORIGIN,
                UserVerificationRequirement.DISCOURAGED)), 401, "PASSKEY_INVALID");

        options = loginOptions("{}");
        refused(logIn(options, EmulatedPasskey.withResponse(device.assertion(challenge(options)), "clientDataJSON",
                EmulatedPasskey.encode("not json".getBytes()))), 400, "INVALID_FIELD");

        assertThat(events("PasskeyUsed", bea.id())).as("no refused login is recorded as a use").isZero();
        // and the device still logs in properly
        assertThat(device.logIn(anonymous).status()).isEqualTo(200);
    }

    @Test
    void a_registration_from_another_origin_or_for_another_relying_party_is_refused() {
        Member cy = member("Cy", "VIEWER");
        EmulatedPasskey device = new EmulatedPasskey();
        refused(cy.http().post("/api/v1/passkeys", device.registrationBody(cy.http(), "Phished",
                "https://custody.example.evil", null)), 401, "PASSKEY_INVALID");
        refused(cy.http().post("/api/v1/passkeys", device.registrationBody(cy.http(), "Elsewhere",
                EmulatedPasskey.ORIGIN, "example")), 401, "PASSKEY_INVALID");
        assertThat(cy.http().get("/api/v1/passkeys").json().get("passkeys")).isEmpty();
        assertThat(events("PasskeyRegistered", cy.id())).isZero();
    }

    @Test
    void a_challenge_is_single_use_short_lived_and_bound_to_the_ceremony_or_session_that_asked() {
        Member dee = member("Dee", "VIEWER");
        EmulatedPasskey device = registered(dee, "Key");

        // replayed: the same answer twice
        JsonNode options = loginOptions("{}");
        ObjectNode assertion = device.assertion(challenge(options));
        assertThat(logIn(options, assertion).status()).isEqualTo(200);
        refused(logIn(options, assertion), 401, "PASSKEY_CHALLENGE_INVALID");

        // of another login ceremony
        JsonNode mine = loginOptions("{}");
        JsonNode theirs = loginOptions("{}");
        refused(logIn(theirs, device.assertion(challenge(mine))), 401, "PASSKEY_CHALLENGE_INVALID");

        // expired: the challenge's time is up (moved into the past in the database, as a clock would)
        JsonNode late = loginOptions("{}");
        app.jdbc().update("UPDATE identity_webauthn_challenge SET expires_at = now() - interval '1 second' "
                + "WHERE challenge = ?", challenge(late));
        refused(logIn(late, device.assertion(challenge(late))), 401, "PASSKEY_CHALLENGE_EXPIRED");

        // a challenge never issued
        refused(logIn(loginOptions("{}"), device.assertion(EmulatedPasskey.encode(new byte[32]))), 401,
                "PASSKEY_CHALLENGE_INVALID");

        // a registration challenge of another member's session
        Member eve = member("Eve", "VIEWER");
        JsonNode deesOptions = dee.http().post("/api/v1/passkeys/registration-options", "{}").json();
        String body = new EmulatedPasskey().registrationBody(deesOptions.get("publicKey"), "Stolen",
                EmulatedPasskey.ORIGIN, null);
        refused(eve.http().post("/api/v1/passkeys", body), 401, "PASSKEY_CHALLENGE_INVALID");
        // and a login challenge is no registration challenge
        JsonNode login = loginOptions("{}");
        ObjectNode forged = Http.JSON.createObjectNode();
        forged.set("publicKey", deesOptions.get("publicKey").deepCopy());
        ((ObjectNode) forged.get("publicKey")).put("challenge", challenge(login));
        refused(dee.http().post("/api/v1/passkeys", new EmulatedPasskey().registrationBody(forged.get("publicKey"),
                "Mixed", EmulatedPasskey.ORIGIN, null)), 401, "PASSKEY_CHALLENGE_INVALID");
    }

    @Test
    void a_counter_that_goes_backwards_is_refused_and_recorded_as_a_possible_clone() {
        Member fay = member("Fay", "VIEWER");
        EmulatedPasskey device = registered(fay, "Token");
        JsonNode first = loginOptions("{}");
        ObjectNode earlier = device.assertion(challenge(first)); // counter n
        JsonNode second = loginOptions("{}");
        ObjectNode later = device.assertion(challenge(second)); // counter n+1
        assertThat(logIn(second, later).status()).isEqualTo(200);

        refused(logIn(first, earlier), 401, "PASSKEY_INVALID");

        assertThat(events("PasskeyCloneSuspected", fay.id())).isEqualTo(1);
        assertThat(events("PasskeyUsed", fay.id())).isEqualTo(1);
    }

    @Test
    void a_revoked_passkey_another_members_or_another_organisations_passkey_does_not_log_in_as_the_member() {
        Member gil = member("Gil", "VIEWER");
        EmulatedPasskey old = registered(gil, "Old");
        Http.Response oldSession = old.logIn(anonymous);
        assertThat(oldSession.status()).isEqualTo(200);
        EmulatedPasskey replacement = registered(gil, "New");

        assertThat(gil.http().delete("/api/v1/passkeys/" + old.credentialId()).status()).isEqualTo(204);

        refused(old.logIn(anonymous), 401, "PASSKEY_INVALID");
        refused(anonymous.withToken(oldSession.json().get("access_token").asString()).get("/api/v1/me"), 401,
                "SESSION_REVOKED");
        assertThat(replacement.logIn(anonymous).status()).isEqualTo(200);
        JsonNode listed = gil.http().get("/api/v1/passkeys").json().get("passkeys");
        assertThat(listed).hasSize(2);
        assertThat(listed.get(0).get("revokedAt")).isNotNull();

        // another member's passkey, offered to log in as Gil
        Member hal = member("Hal", "VIEWER");
        EmulatedPasskey hals = registered(hal, "Hal's");
        JsonNode asGil = loginOptions("{\"memberId\":\"" + gil.id() + "\"}");
        refused(logIn(asGil, hals.assertion(challenge(asGil))), 401, "PASSKEY_INVALID");

        // another organisation's member's passkey, offered to log in as Gil
        Http stranger = TestIdentity.newOrganisation(app, "other-org");
        EmulatedPasskey strangers = new EmulatedPasskey();
        assertThat(strangers.register(stranger, "Theirs").status()).isEqualTo(201);
        JsonNode again = loginOptions("{\"memberId\":\"" + gil.id() + "\"}");
        refused(logIn(again, strangers.assertion(challenge(again))), 401, "PASSKEY_INVALID");
        // it logs in to its own organisation only
        Http.Response theirs = strangers.logIn(anonymous);
        assertThat(theirs.status()).isEqualTo(200);
        assertThat(theirs.json().get("organisation").asString()).isEqualTo("other-org");
    }

    @Test
    void a_member_renames_and_revokes_their_passkeys_but_never_the_last_one_nor_anyone_elses() {
        Member ivy = member("Ivy", "VIEWER");
        EmulatedPasskey only = registered(ivy, "Only");

        refused(ivy.http().delete("/api/v1/passkeys/" + only.credentialId()), 409, "LAST_PASSKEY");
        assertThat(only.logIn(anonymous).status()).isEqualTo(200);

        assertThat(ivy.http().patch("/api/v1/passkeys/" + only.credentialId(), "{\"name\":\"Work laptop\"}")
                .status()).isEqualTo(204);
        assertThat(ivy.http().get("/api/v1/passkeys").json().get("passkeys").get(0).get("name").asString())
                .isEqualTo("Work laptop");
        refused(ivy.http().patch("/api/v1/passkeys/" + only.credentialId(), "{\"name\":\"\\u0007\"}"), 400,
                "INVALID_TEXT");

        Member jon = member("Jon", "VIEWER");
        refused(jon.http().delete("/api/v1/passkeys/" + only.credentialId()), 404, "PASSKEY_NOT_FOUND");
        refused(jon.http().patch("/api/v1/passkeys/" + only.credentialId(), "{\"name\":\"Mine now\"}"), 404,
                "PASSKEY_NOT_FOUND");
        assertThat(events("PasskeyRevoked", ivy.id())).isZero();

        // without a caller nobody lists passkeys
        refused(anonymous.get("/api/v1/passkeys"), 401, "CREDENTIALS_REQUIRED");
    }

    @Test
    void the_approval_console_is_served_as_static_files_without_credentials_and_calls_only_declared_routes() {
        Http.Response page = anonymous.get("/console/index.html");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("<script src=\"console.js\">", "Log in with a passkey");
        Http.Response script = anonymous.get("/console/console.js");
        assertThat(script.status()).isEqualTo(200);
        // every API call the script makes with a literal path is one the access rules declare, for its method
        java.util.regex.Matcher calls = java.util.regex.Pattern
                .compile("call\\('(GET|POST|PATCH|DELETE)', '(/[^'?]*)").matcher(script.body());
        java.util.List<String[]> named = new java.util.ArrayList<>();
        while (calls.find()) {
            String path = "/api/v1" + calls.group(2);
            named.add(new String[] {calls.group(1), path.endsWith("/") ? path + "x" : path});
        }
        assertThat(named.stream().map(c -> c[0] + " " + c[1]).toList()).contains(
                "POST /api/v1/passkeys/login-options", "POST /api/v1/passkeys/login",
                "POST /api/v1/passkeys/registration-options", "POST /api/v1/passkeys", "GET /api/v1/me",
                "POST /api/v1/enrolment", "DELETE /api/v1/passkeys/x");
        var parser = new org.springframework.web.util.pattern.PathPatternParser();
        assertThat(named).allSatisfy(call -> assertThat(io.custody.infra.security.ApiAccessRules.RULES)
                .as(call[0] + " " + call[1]).anySatisfy(rule -> {
                    assertThat(rule.method().name()).isEqualTo(call[0]);
                    assertThat(parser.parse(rule.pattern())
                            .matches(org.springframework.http.server.PathContainer.parsePath(call[1]))).isTrue();
                }));
    }
}
