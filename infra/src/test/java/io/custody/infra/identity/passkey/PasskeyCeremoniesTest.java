package io.custody.infra.identity.passkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.webauthn4j.data.AttestationConveyancePreference;
import com.webauthn4j.data.AuthenticatorAssertionResponse;
import com.webauthn4j.data.AuthenticatorAttestationResponse;
import com.webauthn4j.data.AuthenticatorSelectionCriteria;
import com.webauthn4j.data.PublicKeyCredential;
import com.webauthn4j.data.PublicKeyCredentialCreationOptions;
import com.webauthn4j.data.PublicKeyCredentialRequestOptions;
import com.webauthn4j.data.PublicKeyCredentialRpEntity;
import com.webauthn4j.data.PublicKeyCredentialUserEntity;
import com.webauthn4j.data.ResidentKeyRequirement;
import com.webauthn4j.data.UserVerificationRequirement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.test.authenticator.webauthn.NoneAttestationAuthenticator;
import com.webauthn4j.test.authenticator.webauthn.PackedAuthenticator;
import com.webauthn4j.test.authenticator.webauthn.WebAuthnAuthenticatorAdaptor;
import com.webauthn4j.test.authenticator.webauthn.WebAuthnModelAuthenticator;
import com.webauthn4j.test.client.ClientPlatform;
import io.custody.infra.identity.passkey.PasskeyCeremonies.Asserted;
import io.custody.infra.identity.passkey.PasskeyCeremonies.CeremonyRefused;
import io.custody.infra.identity.passkey.PasskeyCeremonies.Kind;
import io.custody.infra.identity.passkey.PasskeyCeremonies.Refusal;
import io.custody.infra.identity.passkey.PasskeyCeremonies.Registered;
import io.custody.infra.identity.passkey.PasskeyCeremonies.StoredPasskey;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Both ceremonies against webauthn4j-test's emulated authenticators (a real client platform and authenticator model,
 * real keys and signatures), and every bad case the issue lists that the ceremony itself decides.
 */
class PasskeyCeremoniesTest {

    static final String RP_ID = "custody.example";
    static final Origin ORIGIN = new Origin("https://custody.example");
    static final byte[] USER = "member-ada".getBytes(StandardCharsets.UTF_8);

    /** A clock the test moves on by hand. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-03-01T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final TestClock clock = new TestClock();
    final PasskeyCeremonies ceremonies = new PasskeyCeremonies(RP_ID, Set.of(ORIGIN.toString()), Duration.ofMinutes(5),
            clock);

    static ClientPlatform platform(Origin origin, WebAuthnModelAuthenticator authenticator) {
        return new ClientPlatform(origin, new WebAuthnAuthenticatorAdaptor(authenticator));
    }

    PublicKeyCredential<AuthenticatorAttestationResponse, ?> create(ClientPlatform client, String rpId, byte[] challenge) {
        var options = new PublicKeyCredentialCreationOptions(new PublicKeyCredentialRpEntity(rpId, "Custody"),
                new PublicKeyCredentialUserEntity(USER, "ada", "Ada"), new DefaultChallenge(challenge),
                PasskeyCeremonies.ALGORITHMS, 60_000L, List.of(),
                new AuthenticatorSelectionCriteria(null, ResidentKeyRequirement.REQUIRED,
                        UserVerificationRequirement.REQUIRED),
                AttestationConveyancePreference.DIRECT, null);
        return client.create(options);
    }

    Registered register(ClientPlatform client, String session) {
        byte[] challenge = ceremonies.challenge(session, Kind.REGISTRATION);
        var credential = create(client, RP_ID, challenge);
        return ceremonies.register(session, credential.getResponse().getAttestationObject(),
                credential.getResponse().getClientDataJSON());
    }

    PublicKeyCredential<AuthenticatorAssertionResponse, ?> get(ClientPlatform client, String rpId, byte[] challenge,
                                                               UserVerificationRequirement uv,
                                                               Object unused) {
        var options = new PublicKeyCredentialRequestOptions(new DefaultChallenge(challenge), 60_000L, rpId, List.of(),
                uv, null);
        return client.get(options);
    }

    Asserted authenticate(String session, PublicKeyCredential<AuthenticatorAssertionResponse, ?> assertion,
                          Registered registered) {
        return authenticate(session, assertion, registered, assertion.getResponse().getClientDataJSON());
    }

    Asserted authenticate(String session, PublicKeyCredential<AuthenticatorAssertionResponse, ?> assertion,
                          Registered registered, byte[] clientData) {
        return authenticate(session, assertion, registered, clientData, assertion.getResponse().getSignature());
    }

    Asserted authenticate(String session, PublicKeyCredential<AuthenticatorAssertionResponse, ?> assertion,
                          Registered registered, byte[] clientData, byte[] signature) {
        StoredPasskey stored = new StoredPasskey(registered.attestedCredentialData(), registered.signatureCount(),
                registered.backupEligible(), registered.backedUp());
        return ceremonies.authenticate(session, assertion.getRawId(), assertion.getResponse().getUserHandle(),
                assertion.getResponse().getAuthenticatorData(), clientData, signature,
                id -> Arrays.equals(id, registered.credentialId()) ? Optional.of(stored) : Optional.empty());
    }

    static void refusedWith(Runnable ceremony, Refusal refusal) {
        assertThatThrownBy(ceremony::run).isInstanceOf(CeremonyRefused.class)
                .extracting(e -> ((CeremonyRefused) e).refusal()).isEqualTo(refusal);
    }

    @Test
    void a_passkey_with_none_attestation_registers_and_then_signs_in_without_a_username() {
        ClientPlatform client = platform(ORIGIN, new NoneAttestationAuthenticator());
        Registered registered = register(client, "session-1");
        assertThat(registered.attestationFormat()).isEqualTo("none");
        assertThat(registered.credentialId()).isNotEmpty();

        byte[] challenge = ceremonies.challenge("login-1", Kind.AUTHENTICATION);
        var assertion = get(client, RP_ID, challenge, UserVerificationRequirement.REQUIRED, null);
        Asserted asserted = authenticate("login-1", assertion, registered);
        assertThat(asserted.credentialId()).isEqualTo(registered.credentialId());
        assertThat(asserted.userHandle()).isEqualTo(USER);
    }

    @Test
    void packed_attestation_is_verified() {
        Registered registered = register(platform(ORIGIN, new PackedAuthenticator()), "session-1");
        assertThat(registered.attestationFormat()).isEqualTo("packed");
    }

    @Test
    void a_registration_from_another_origin_is_refused() {
        ClientPlatform phishing = platform(new Origin("https://custody.example.evil"), new NoneAttestationAuthenticator());
        byte[] challenge = ceremonies.challenge("s", Kind.REGISTRATION);
        var credential = create(phishing, RP_ID, challenge);
        refusedWith(() -> ceremonies.register("s", credential.getResponse().getAttestationObject(),
                credential.getResponse().getClientDataJSON()), Refusal.VERIFICATION_FAILED);
    }

    @Test
    void a_registration_for_another_relying_party_id_is_refused() {
        ClientPlatform client = platform(new Origin("https://custody.example"), new NoneAttestationAuthenticator());
        byte[] challenge = ceremonies.challenge("s", Kind.REGISTRATION);
        var credential = create(client, "example", challenge);
        refusedWith(() -> ceremonies.register("s", credential.getResponse().getAttestationObject(),
                credential.getResponse().getClientDataJSON()), Refusal.VERIFICATION_FAILED);
    }

    @Test
    void an_assertion_from_another_origin_or_for_another_rp_id_is_refused() {
        NoneAttestationAuthenticator authenticator = new NoneAttestationAuthenticator();
        Registered registered = register(platform(ORIGIN, authenticator), "s");
        byte[] first = ceremonies.challenge("login", Kind.AUTHENTICATION);
        var fromElsewhere = get(platform(new Origin("https://evil.example"), authenticator), RP_ID, first,
                UserVerificationRequirement.REQUIRED, null);
        refusedWith(() -> authenticate("login", fromElsewhere, registered), Refusal.VERIFICATION_FAILED);
    }

    @Test
    void a_challenge_is_single_use_short_lived_and_bound_to_the_session_and_ceremony_that_asked() {
        ClientPlatform client = platform(ORIGIN, new NoneAttestationAuthenticator());
        Registered registered = register(client, "s");

        byte[] challenge = ceremonies.challenge("login", Kind.AUTHENTICATION);
        var assertion = get(client, RP_ID, challenge, UserVerificationRequirement.REQUIRED, null);
        authenticate("login", assertion, registered);
        refusedWith(() -> authenticate("login", assertion, registered), Refusal.CHALLENGE_UNKNOWN); // replayed

        byte[] other = ceremonies.challenge("someone-else", Kind.AUTHENTICATION);
        var stolen = get(client, RP_ID, other, UserVerificationRequirement.REQUIRED, null);
        refusedWith(() -> authenticate("login", stolen, registered), Refusal.CHALLENGE_OF_ANOTHER_SESSION);

        byte[] late = ceremonies.challenge("login", Kind.AUTHENTICATION);
        var slow = get(client, RP_ID, late, UserVerificationRequirement.REQUIRED, null);
        clock.now = clock.now.plus(Duration.ofMinutes(5));
        refusedWith(() -> authenticate("login", slow, registered), Refusal.CHALLENGE_EXPIRED);

        byte[] forRegistration = ceremonies.challenge("login", Kind.REGISTRATION);
        var mixed = get(client, RP_ID, forRegistration, UserVerificationRequirement.REQUIRED, null);
        refusedWith(() -> authenticate("login", mixed, registered), Refusal.CHALLENGE_OF_ANOTHER_CEREMONY);

        var invented = get(client, RP_ID, new byte[32], UserVerificationRequirement.REQUIRED, null);
        refusedWith(() -> authenticate("login", invented, registered), Refusal.CHALLENGE_UNKNOWN);
    }

    @Test
    void tampered_client_data_is_refused() {
        ClientPlatform client = platform(ORIGIN, new NoneAttestationAuthenticator());
        Registered registered = register(client, "s");
        byte[] challenge = ceremonies.challenge("login", Kind.AUTHENTICATION);
        var assertion = get(client, RP_ID, challenge, UserVerificationRequirement.REQUIRED, null);
        String json = new String(assertion.getResponse().getClientDataJSON(), StandardCharsets.UTF_8);
        byte[] tampered = json.replace("}", ",\"crossOrigin\":true}").getBytes(StandardCharsets.UTF_8);
        refusedWith(() -> authenticate("login", assertion, registered, tampered), Refusal.VERIFICATION_FAILED);
        refusedWith(() -> authenticate("login", assertion, registered, "not json".getBytes()), Refusal.MALFORMED);
    }

    @Test
    void a_bad_signature_is_refused() {
        ClientPlatform client = platform(ORIGIN, new NoneAttestationAuthenticator());
        Registered registered = register(client, "s");
        byte[] challenge = ceremonies.challenge("login", Kind.AUTHENTICATION);
        var assertion = get(client, RP_ID, challenge, UserVerificationRequirement.REQUIRED, null);
        byte[] forged = assertion.getResponse().getSignature().clone();
        forged[forged.length - 1] ^= 0x01;
        refusedWith(() -> authenticate("login", assertion, registered, assertion.getResponse().getClientDataJSON(),
                forged), Refusal.VERIFICATION_FAILED);
    }

    @Test
    void an_assertion_without_user_verification_is_refused() {
        ClientPlatform client = platform(ORIGIN, new NoneAttestationAuthenticator());
        Registered registered = register(client, "s");
        byte[] challenge = ceremonies.challenge("login", Kind.AUTHENTICATION);
        var assertion = get(client, RP_ID, challenge, UserVerificationRequirement.DISCOURAGED, null);
        assertThat(assertion.getResponse().getAuthenticatorData()[32] & 0x04).as("UV flag of the emulated assertion")
                .isZero();
        refusedWith(() -> authenticate("login", assertion, registered), Refusal.VERIFICATION_FAILED);
    }

    @Test
    void a_signature_counter_that_did_not_advance_is_reported_for_the_clone_record() {
        NoneAttestationAuthenticator authenticator = new NoneAttestationAuthenticator();
        ClientPlatform client = platform(ORIGIN, authenticator);
        Registered registered = register(client, "s");
        byte[] first = ceremonies.challenge("login", Kind.AUTHENTICATION);
        Asserted used = authenticate("login", get(client, RP_ID, first, UserVerificationRequirement.REQUIRED, null),
                registered);
        assertThat(used.signatureCount()).isPositive();
        // the server has since seen a higher counter than this authenticator will report next
        Registered seenHigher = new Registered(registered.credentialId(), registered.attestedCredentialData(),
                used.signatureCount() + 100, "none", false, false);
        byte[] second = ceremonies.challenge("login", Kind.AUTHENTICATION);
        var assertion = get(client, RP_ID, second, UserVerificationRequirement.REQUIRED, null);
        refusedWith(() -> authenticate("login", assertion, seenHigher), Refusal.COUNTER_REGRESSED);
    }

    @Test
    void a_credential_the_lookup_does_not_give_revoked_or_another_members_is_refused() {
        ClientPlatform client = platform(ORIGIN, new NoneAttestationAuthenticator());
        Registered registered = register(client, "s");
        Registered someoneElses = register(platform(ORIGIN, new NoneAttestationAuthenticator()), "s2");
        byte[] challenge = ceremonies.challenge("login", Kind.AUTHENTICATION);
        var assertion = get(client, RP_ID, challenge, UserVerificationRequirement.REQUIRED, null);
        // the lookup answers only for the other member's credential: this one is unknown (or revoked) to it
        refusedWith(() -> authenticate("login", assertion, someoneElses), Refusal.UNKNOWN_CREDENTIAL);
    }
}
