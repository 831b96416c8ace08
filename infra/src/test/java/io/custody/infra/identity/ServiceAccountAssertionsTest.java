package io.custody.infra.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.custody.api.identity.Role;
import io.custody.command.identity.ServiceAccountPublicKeys;
import io.custody.infra.identity.ServiceAccountAssertions.Check;
import io.custody.infra.identity.ServiceAccountAssertions.Outcome;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every check of the JWT assertion exchange (RFC 7523, section 3), each with an assertion forged or malformed to fail
 * exactly that check and pass the ones before it. Keys are real (P-256 and Ed25519, signed with nimbus and
 * BouncyCastle); the directory is an in-memory stand-in for the PostgreSQL tables, which
 * {@code ServiceAccountKeyPairIntegrationTest} covers through HTTP.
 */
class ServiceAccountAssertionsTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    static final String AUDIENCE = "https://custody.example/api/v1/oauth/token";

    final UUID account = UUID.randomUUID();
    final Memory directory = new Memory();
    final ServiceAccountAssertions assertions = new ServiceAccountAssertions(directory,
            Clock.fixed(NOW, ZoneOffset.UTC), Set.of(AUDIENCE, "custody"), Duration.ofMinutes(5));
    ECKey ecKey;
    String ecKid;
    Ed25519PrivateKeyParameters edKey;
    String edKid;

    /** The PostgreSQL directory's behaviour, in memory. */
    static final class Memory implements ServiceAccountAssertions.Directory {
        final Map<UUID, ServiceAccountAssertions.Account> accounts = new HashMap<>();
        final Map<String, ServiceAccountAssertions.Key> keys = new HashMap<>();
        final Set<String> used = new HashSet<>();

        @Override
        public Optional<ServiceAccountAssertions.Account> activeAccount(UUID serviceAccount) {
            return Optional.ofNullable(accounts.get(serviceAccount));
        }

        @Override
        public Optional<ServiceAccountAssertions.Key> activeKey(UUID serviceAccount, String keyId) {
            return Optional.ofNullable(keys.get(serviceAccount + "/" + keyId));
        }

        @Override
        public boolean firstUse(UUID serviceAccount, String jti, Instant keepUntil) {
            return used.add(serviceAccount + "/" + jti);
        }
    }

    @BeforeEach
    void register() throws Exception {
        directory.accounts.put(account, new ServiceAccountAssertions.Account("acme", Set.of(Role.VIEWER)));
        ecKey = new ECKeyGenerator(Curve.P_256).generate();
        var ec = ServiceAccountPublicKeys.parse(ecKey.toPublicJWK().toJSONObject()).key();
        ecKid = ec.keyId();
        directory.keys.put(account + "/" + ecKid, new ServiceAccountAssertions.Key(ec.algorithm(), ec.canonicalJwk()));
        edKey = new Ed25519PrivateKeyParameters(new SecureRandom());
        var ed = ServiceAccountPublicKeys.parse(Map.of("kty", "OKP", "crv", "Ed25519", "x",
                Base64URL.encode(edKey.generatePublicKey().getEncoded()).toString())).key();
        edKid = ed.keyId();
        directory.keys.put(account + "/" + edKid, new ServiceAccountAssertions.Key(ed.algorithm(), ed.canonicalJwk()));
    }

    JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer(account.toString()).subject(account.toString()).audience(AUDIENCE)
                .issueTime(Date.from(NOW)).expirationTime(Date.from(NOW.plusSeconds(60)))
                .jwtID(UUID.randomUUID().toString());
    }

    String es256(JWTClaimsSet claims) throws Exception {
        return es256(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(ecKid).build(), claims, ecKey);
    }

    static String es256(JWSHeader header, JWTClaimsSet claims, ECKey key) throws Exception {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    /** An EdDSA JWS made by hand: BouncyCastle signs base64url(header) "." base64url(payload). */
    static String eddsa(String headerJson, JWTClaimsSet claims, Ed25519PrivateKeyParameters key) {
        String input = Base64URL.encode(headerJson).toString() + "." + Base64URL.encode(claims.toString());
        byte[] bytes = input.getBytes(StandardCharsets.US_ASCII);
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(bytes, 0, bytes.length);
        return input + "." + Base64URL.encode(signer.generateSignature());
    }

    Outcome verify(String assertion) {
        return assertions.verify(assertion);
    }

    static Outcome refused(Check check) {
        return new Outcome.Refused(check);
    }

    @Test
    void an_es256_assertion_of_a_registered_key_is_accepted_once() throws Exception {
        String assertion = es256(claims().build());
        assertThat(verify(assertion)).isEqualTo(new Outcome.Accepted(account, "acme", Set.of(Role.VIEWER), ecKid));
        assertThat(verify(assertion)).isEqualTo(refused(Check.REPLAYED));
    }

    @Test
    void an_eddsa_assertion_of_a_registered_key_is_accepted_under_either_algorithm_name() {
        assertThat(verify(eddsa("{\"alg\":\"EdDSA\",\"kid\":\"" + edKid + "\"}", claims().build(), edKey)))
                .isInstanceOf(Outcome.Accepted.class);
        assertThat(verify(eddsa("{\"alg\":\"Ed25519\",\"typ\":\"JWT\",\"kid\":\"" + edKid + "\"}", claims().build(),
                edKey))).isInstanceOf(Outcome.Accepted.class);
    }

    @Test
    void a_signature_by_another_key_or_over_other_content_is_refused() throws Exception {
        ECKey stranger = new ECKeyGenerator(Curve.P_256).generate();
        assertThat(verify(es256(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(ecKid).build(), claims().build(),
                stranger))).isEqualTo(refused(Check.SIGNATURE_INVALID));
        assertThat(verify(eddsa("{\"alg\":\"EdDSA\",\"kid\":\"" + edKid + "\"}", claims().build(),
                new Ed25519PrivateKeyParameters(new SecureRandom())))).isEqualTo(refused(Check.SIGNATURE_INVALID));

        String[] genuine = es256(claims().build()).split("\\.");
        String otherPayload = Base64URL.encode(claims().subject(account.toString()).expirationTime(
                Date.from(NOW.plusSeconds(120))).build().toString()).toString();
        assertThat(verify(genuine[0] + "." + otherPayload + "." + genuine[2]))
                .isEqualTo(refused(Check.SIGNATURE_INVALID));
        String[] ed = eddsa("{\"alg\":\"EdDSA\",\"kid\":\"" + edKid + "\"}", claims().build(), edKey).split("\\.");
        assertThat(verify(ed[0] + "." + otherPayload + "." + ed[2])).isEqualTo(refused(Check.SIGNATURE_INVALID));
        assertThat(verify(ed[0] + "." + ed[1] + "." + Base64URL.encode(new byte[63])))
                .isEqualTo(refused(Check.SIGNATURE_INVALID));
    }

    @Test
    void an_assertion_for_another_audience_or_none_is_refused() throws Exception {
        assertThat(verify(es256(claims().audience("https://elsewhere.example/token").build())))
                .isEqualTo(refused(Check.AUDIENCE_NOT_THIS_SERVER));
        assertThat(verify(es256(claims().audience((String) null).build())))
                .isEqualTo(refused(Check.AUDIENCE_NOT_THIS_SERVER));
        // the access tokens' audience is not the token endpoint's
        assertThat(verify(es256(claims().audience(AccessTokens.AUDIENCE).build())))
                .isEqualTo(refused(Check.AUDIENCE_NOT_THIS_SERVER));
        assertThat(verify(es256(claims().audience(java.util.List.of("https://elsewhere.example", "custody")).build())))
                .as("one of several audiences is enough").isInstanceOf(Outcome.Accepted.class);
    }

    @Test
    void an_expired_not_yet_valid_long_lived_or_timeless_assertion_is_refused() throws Exception {
        assertThat(verify(es256(claims().issueTime(Date.from(NOW.minusSeconds(120)))
                .expirationTime(Date.from(NOW.minusSeconds(10))).build()))).isEqualTo(refused(Check.EXPIRED));
        assertThat(verify(es256(claims().expirationTime(null).build()))).isEqualTo(refused(Check.EXPIRY_MISSING));
        assertThat(verify(es256(claims().notBeforeTime(Date.from(NOW.plusSeconds(60))).build())))
                .isEqualTo(refused(Check.NOT_YET_VALID));
        assertThat(verify(es256(claims().issueTime(Date.from(NOW.plusSeconds(60)))
                .expirationTime(Date.from(NOW.plusSeconds(120))).build()))).isEqualTo(refused(Check.NOT_YET_VALID));
        assertThat(verify(es256(claims().expirationTime(Date.from(NOW.plus(Duration.ofHours(1)))).build())))
                .isEqualTo(refused(Check.LIFETIME_TOO_LONG));
        assertThat(verify(es256(claims().issueTime(null).expirationTime(Date.from(NOW.plus(Duration.ofMinutes(6))))
                .build()))).as("without iat, from now").isEqualTo(refused(Check.LIFETIME_TOO_LONG));
        // within the clock skew of 5 s an assertion that just expired still passes
        assertThat(verify(es256(claims().expirationTime(Date.from(NOW.minusSeconds(2))).build())))
                .isInstanceOf(Outcome.Accepted.class);
    }

    @Test
    void an_assertion_without_an_id_is_refused_and_an_id_is_good_once_per_account() throws Exception {
        assertThat(verify(es256(claims().jwtID(null).build()))).isEqualTo(refused(Check.JTI_MISSING));
        assertThat(verify(es256(claims().jwtID("x".repeat(257)).build()))).isEqualTo(refused(Check.JTI_MISSING));
        assertThat(verify(es256(claims().jwtID("fixed").build()))).isInstanceOf(Outcome.Accepted.class);
        assertThat(verify(es256(claims().jwtID("fixed").expirationTime(Date.from(NOW.plusSeconds(90))).build())))
                .as("a fresh assertion re-using the id").isEqualTo(refused(Check.REPLAYED));
        // a refused assertion does not use up its id
        String jti = UUID.randomUUID().toString();
        assertThat(verify(es256(claims().jwtID(jti).audience("elsewhere").build())))
                .isEqualTo(refused(Check.AUDIENCE_NOT_THIS_SERVER));
        assertThat(verify(es256(claims().jwtID(jti).build()))).isInstanceOf(Outcome.Accepted.class);
    }

    @Test
    void an_unknown_or_revoked_key_or_account_is_refused() throws Exception {
        ECKey unregistered = new ECKeyGenerator(Curve.P_256).keyID("not-registered").generate();
        assertThat(verify(es256(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("not-registered").build(),
                claims().build(), unregistered))).isEqualTo(refused(Check.KEY_UNKNOWN_OR_REVOKED));
        // a key registered for another account is not this account's
        UUID other = UUID.randomUUID();
        directory.accounts.put(other, new ServiceAccountAssertions.Account("acme", Set.of(Role.VIEWER)));
        assertThat(verify(es256(claims().issuer(other.toString()).subject(other.toString()).build())))
                .isEqualTo(refused(Check.KEY_UNKNOWN_OR_REVOKED));
        assertThat(verify(es256(new JWSHeader.Builder(JWSAlgorithm.ES256).build(), claims().build(), ecKey)))
                .isEqualTo(refused(Check.KEY_ID_MISSING));

        directory.keys.remove(account + "/" + ecKid); // revoked
        assertThat(verify(es256(claims().build()))).isEqualTo(refused(Check.KEY_UNKNOWN_OR_REVOKED));
        directory.accounts.remove(account); // revoked
        assertThat(verify(eddsa("{\"alg\":\"EdDSA\",\"kid\":\"" + edKid + "\"}", claims().build(), edKey)))
                .isEqualTo(refused(Check.ACCOUNT_UNKNOWN_OR_REVOKED));
    }

    @Test
    void alg_none_hmac_and_any_algorithm_other_than_the_keys_own_are_refused() throws Exception {
        assertThat(verify(new PlainJWT(claims().build()).serialize())).isEqualTo(refused(Check.MALFORMED));
        String none = Base64URL.encode("{\"alg\":\"none\",\"kid\":\"" + ecKid + "\"}") + "."
                + Base64URL.encode(claims().build().toString()) + ".";
        assertThat(verify(none)).as("none with an empty signature").isEqualTo(refused(Check.MALFORMED));
        assertThat(verify(none + "AAAA")).as("none with a signature").isEqualTo(refused(Check.ALGORITHM_NOT_ALLOWED));
        // the classic confusion: HMAC keyed with the public key the server holds
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(ecKid).build(),
                claims().build());
        hmac.sign(new MACSigner(directory.keys.get(account + "/" + ecKid).publicJwk()
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(verify(hmac.serialize())).isEqualTo(refused(Check.ALGORITHM_NOT_ALLOWED));
        ECKey p384 = new ECKeyGenerator(Curve.P_384).generate();
        assertThat(verify(es256(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID(ecKid).build(), claims().build(),
                p384))).isEqualTo(refused(Check.ALGORITHM_NOT_ALLOWED));
        // a key used with the other allowed algorithm than the one it was registered for
        assertThat(verify(eddsa("{\"alg\":\"EdDSA\",\"kid\":\"" + ecKid + "\"}", claims().build(), edKey)))
                .isEqualTo(refused(Check.ALGORITHM_NOT_THE_KEYS));
        assertThat(verify(es256(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(edKid).build(), claims().build(),
                ecKey))).isEqualTo(refused(Check.ALGORITHM_NOT_THE_KEYS));
    }

    @Test
    void headers_and_subjects_outside_the_profile_are_refused() throws Exception {
        assertThat(verify(es256(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(ecKid)
                .criticalParams(Set.of("exp")).build(), claims().build(), ecKey)))
                .isEqualTo(refused(Check.CRITICAL_HEADER));
        // one of our own access tokens (typ at+jwt) is never an assertion
        assertThat(verify(es256(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(ecKid)
                .type(new JOSEObjectType("at+jwt")).build(), claims().build(), ecKey)))
                .isEqualTo(refused(Check.TYPE_NOT_JWT));
        assertThat(verify(es256(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(ecKid).type(JOSEObjectType.JWT)
                .build(), claims().build(), ecKey))).isInstanceOf(Outcome.Accepted.class);
        assertThat(verify(es256(claims().subject(UUID.randomUUID().toString()).build())))
                .isEqualTo(refused(Check.ISSUER_NOT_SUBJECT));
        assertThat(verify(es256(claims().issuer("reporting").subject("reporting").build())))
                .isEqualTo(refused(Check.ISSUER_NOT_SUBJECT));
        assertThat(verify(es256(claims().issuer(null).build()))).isEqualTo(refused(Check.ISSUER_NOT_SUBJECT));
        for (String garbage : new String[] {null, "", "a.b", "a.b.c.d", "...", "x.y.z", "e30.e30.e30"}) {
            assertThat(verify(garbage)).as(String.valueOf(garbage)).isIn(refused(Check.MALFORMED),
                    refused(Check.ALGORITHM_NOT_ALLOWED));
        }
    }
}
