package io.custody.infra.identity.passkey;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticationRequest;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.RegistrationRequest;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.Challenge;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.attestation.statement.none.NoneAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.packed.PackedAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.trustworthiness.certpath.NullCertPathTrustworthinessVerifier;
import com.webauthn4j.verifier.attestation.trustworthiness.self.DefaultSelfAttestationTrustworthinessVerifier;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import com.webauthn4j.verifier.exception.VerificationException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The server side of the WebAuthn registration and authentication ceremonies (W3C WebAuthn Level 3, §7.1 and §7.2),
 * verified by webauthn4j. Challenges are 32 random bytes, single-use, valid for a configured time (5 minutes by
 * default) and bound to the session (or anonymous ceremony) that asked for them. The relying party id and the allowed
 * origins come from configuration. User verification is required. Attestation {@code none} is accepted and
 * {@code packed} is verified (its signature, and for self attestation its algorithm and key; a certificate chain is not
 * judged against a trust anchor, as no metadata service is configured). ES256, EdDSA and RS256 keys are accepted.
 *
 * <p>What this class does not decide: which member a credential belongs to and whether it is revoked (the caller's
 * lookup), and the signature counter's history, which the {@code MemberPasskeys} aggregate keeps. A counter that
 * went backwards is reported here as {@link Refusal#COUNTER_REGRESSED} so that the caller records the possible clone.
 */
public final class PasskeyCeremonies {

    public enum Kind { REGISTRATION, AUTHENTICATION, APPROVAL }

    /** Why a ceremony failed; clients are told only "not valid", the reason goes to the log and the tests. */
    public enum Refusal {
        MALFORMED, CHALLENGE_UNKNOWN, CHALLENGE_EXPIRED, CHALLENGE_OF_ANOTHER_SESSION, CHALLENGE_OF_ANOTHER_CEREMONY,
        UNKNOWN_CREDENTIAL, VERIFICATION_FAILED, COUNTER_REGRESSED
    }

    public static final class CeremonyRefused extends RuntimeException {
        private final Refusal refusal;

        CeremonyRefused(Refusal refusal, String detail) {
            super(refusal + ": " + detail, null, false, false);
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    /** A verified registration: what the member's passkey record keeps. */
    public record Registered(byte[] credentialId, byte[] attestedCredentialData, long signatureCount,
                             String attestationFormat, boolean backupEligible, boolean backedUp) {
    }

    /** A stored passkey, as the caller's lookup returns it. */
    public record StoredPasskey(byte[] attestedCredentialData, long signatureCount, boolean backupEligible,
                                boolean backedUp) {
    }

    /**
     * A verified assertion.
     *
     * @param forMember the member the challenge was issued for (a login of a known member), or {@code null}
     */
    public record Asserted(byte[] credentialId, byte[] userHandle, long signatureCount, boolean backedUp,
                           String forMember) {
    }

    /** A verified registration and the challenge it answered. */
    public record RegisteredFor(Registered registered, String forMember) {
    }

    /** An approval challenge: what the authenticator signs, and the server nonce inside it. */
    public record ApprovalChallenge(byte[] challenge, byte[] nonce, Instant expiresAt) {
    }

    static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.EdDSA),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));

    private final String rpId;
    private final Set<Origin> origins;
    private final Duration lifetime;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Challenges pending;
    private final ObjectConverter converter = new ObjectConverter();
    private final WebAuthnManager webAuthn;
    private final AttestedCredentialDataConverter credentialData = new AttestedCredentialDataConverter(converter);

    /** Challenges in this process only (tests). */
    public PasskeyCeremonies(String rpId, Set<String> origins, Duration lifetime, Clock clock) {
        this(rpId, origins, lifetime, clock, new InMemoryChallenges());
    }

    public PasskeyCeremonies(String rpId, Set<String> origins, Duration lifetime, Clock clock, Challenges challenges) {
        this.pending = challenges;
        this.rpId = rpId;
        this.origins = origins.stream().map(Origin::new).collect(Collectors.toUnmodifiableSet());
        this.lifetime = lifetime;
        this.clock = clock;
        this.webAuthn = new WebAuthnManager(
                List.of(new NoneAttestationStatementVerifier(), new PackedAttestationStatementVerifier()),
                new NullCertPathTrustworthinessVerifier(), new DefaultSelfAttestationTrustworthinessVerifier(),
                converter);
    }

    public String rpId() {
        return rpId;
    }

    public Duration lifetime() {
        return lifetime;
    }

    /** A new challenge for {@code askingSession}'s ceremony of {@code kind}. */
    public byte[] challenge(String askingSession, Kind kind) {
        return challenge(askingSession, kind, null);
    }

    /** A new challenge for {@code askingSession}'s ceremony of {@code kind} for {@code member} (may be null). */
    public byte[] challenge(String askingSession, Kind kind, String member) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        Instant now = clock.instant();
        pending.put(key(bytes), new Challenges.Pending(kind, askingSession, member, null, null, now.plus(lifetime)), now);
        return bytes;
    }

    /**
     * A challenge for approving or rejecting a proposal (ADR identity-003): 32 fresh random bytes of server nonce,
     * combined with the proposal's digest by {@code derive}; bound to {@code askingSession}, {@code member} and
     * {@code context} (which proposal and decision), single-use and short-lived like every other challenge.
     */
    public ApprovalChallenge approvalChallenge(String askingSession, String member, String context,
                                               Function<byte[], byte[]> derive) {
        byte[] nonce = new byte[32];
        random.nextBytes(nonce);
        byte[] challenge = derive.apply(nonce);
        Instant now = clock.instant();
        pending.put(key(challenge), new Challenges.Pending(Kind.APPROVAL, askingSession, member, context, nonce,
                now.plus(lifetime)), now);
        return new ApprovalChallenge(challenge, nonce, now.plus(lifetime));
    }

    /**
     * Uses up the approval challenge inside {@code clientDataJson}: it must be outstanding, unexpired, of an approval,
     * of this session and member, and issued for {@code context}. Returns its server nonce. The assertion itself is
     * verified by the proposal, which derives the expected challenge from its own state.
     */
    public byte[] takeApproval(byte[] clientDataJson, String askingSession, String member, String context) {
        Challenge presented;
        try {
            var clientData = new com.webauthn4j.converter.CollectedClientDataConverter(converter).convert(clientDataJson);
            presented = clientData == null ? null : clientData.getChallenge();
        } catch (DataConversionException | tools.jackson.core.JacksonException | IllegalArgumentException
                 | NullPointerException e) {
            throw new CeremonyRefused(Refusal.MALFORMED, "client data does not parse");
        }
        Challenges.Pending found = take(presented, askingSession, Kind.APPROVAL);
        if (!java.util.Objects.equals(found.member(), member) || !java.util.Objects.equals(found.context(), context)) {
            throw new CeremonyRefused(Refusal.CHALLENGE_OF_ANOTHER_CEREMONY, "challenge of another approval");
        }
        return found.nonce();
    }

    /** Verifies a registration response (the authenticator's attestation object and the client data JSON). */
    public Registered register(String askingSession, byte[] attestationObject, byte[] clientDataJson) {
        return registerFor(askingSession, attestationObject, clientDataJson).registered();
    }

    /** {@link #register}, also saying which member the challenge was issued for. */
    public RegisteredFor registerFor(String askingSession, byte[] attestationObject, byte[] clientDataJson) {
        RegistrationData data;
        try {
            data = webAuthn.parse(new RegistrationRequest(attestationObject, clientDataJson));
        } catch (DataConversionException | tools.jackson.core.JacksonException | IllegalArgumentException
                 | NullPointerException e) {
            // whatever the client sent that is not a registration response: never an internal error
            throw new CeremonyRefused(Refusal.MALFORMED, "registration response does not parse");
        }
        if (data.getCollectedClientData() == null || data.getAttestationObject() == null) {
            throw new CeremonyRefused(Refusal.MALFORMED, "registration response is incomplete");
        }
        Challenges.Pending taken = take(data.getCollectedClientData().getChallenge(), askingSession, Kind.REGISTRATION);
        Challenge challenge = new DefaultChallenge(data.getCollectedClientData().getChallenge().getValue());
        try {
            webAuthn.verify(data, new RegistrationParameters(new ServerProperty(origins, rpId, challenge), ALGORITHMS,
                    true, true));
        } catch (VerificationException e) {
            throw new CeremonyRefused(Refusal.VERIFICATION_FAILED, e.getClass().getSimpleName());
        }
        var authenticatorData = data.getAttestationObject().getAuthenticatorData();
        AttestedCredentialData attested = authenticatorData.getAttestedCredentialData();
        return new RegisteredFor(new Registered(attested.getCredentialId(), credentialData.convert(attested),
                authenticatorData.getSignCount(), data.getAttestationObject().getFormat(),
                authenticatorData.isFlagBE(), authenticatorData.isFlagBS()), taken.member());
    }

    /**
     * Verifies an assertion: the challenge, then the credential found by {@code lookup} (empty when the credential is
     * unknown, revoked, or not the expected member's), then signature, RP id hash, origin, type and user verification.
     */
    public Asserted authenticate(String askingSession, byte[] credentialId, byte[] userHandle, byte[] authenticatorData,
                                 byte[] clientDataJson, byte[] signature,
                                 Function<byte[], Optional<StoredPasskey>> lookup) {
        AuthenticationData data;
        try {
            data = webAuthn.parse(new AuthenticationRequest(credentialId, userHandle, authenticatorData,
                    clientDataJson, signature));
        } catch (DataConversionException | tools.jackson.core.JacksonException | IllegalArgumentException
                 | NullPointerException e) {
            throw new CeremonyRefused(Refusal.MALFORMED, "assertion does not parse");
        }
        if (data.getCollectedClientData() == null || data.getAuthenticatorData() == null) {
            throw new CeremonyRefused(Refusal.MALFORMED, "assertion is incomplete");
        }
        Challenges.Pending taken = take(data.getCollectedClientData().getChallenge(), askingSession, Kind.AUTHENTICATION);
        Challenge challenge = new DefaultChallenge(data.getCollectedClientData().getChallenge().getValue());
        StoredPasskey stored = lookup.apply(credentialId)
                .orElseThrow(() -> new CeremonyRefused(Refusal.UNKNOWN_CREDENTIAL, "credential not usable here"));
        AttestedCredentialData attested = credentialData.convert(stored.attestedCredentialData());
        var record = new CredentialRecordImpl(null, null, stored.backupEligible(), stored.backedUp(),
                stored.signatureCount(), attested, null, null, null, null);
        try {
            webAuthn.verify(data, new AuthenticationParameters(new ServerProperty(origins, rpId, challenge), record,
                    List.of(credentialId), true, true));
        } catch (MaliciousCounterValueException e) {
            throw new CeremonyRefused(Refusal.COUNTER_REGRESSED, "signature counter did not advance");
        } catch (VerificationException e) {
            throw new CeremonyRefused(Refusal.VERIFICATION_FAILED, e.getClass().getSimpleName());
        }
        return new Asserted(credentialId, userHandle, data.getAuthenticatorData().getSignCount(),
                data.getAuthenticatorData().isFlagBS(), taken.member());
    }

    /** Uses up a challenge: it must be ours, unexpired, of this kind of ceremony and of this session. */
    private Challenges.Pending take(Challenge presented, String askingSession, Kind kind) {
        if (presented == null || presented.getValue() == null) throw new CeremonyRefused(Refusal.MALFORMED, "no challenge");
        Challenges.Pending found = pending.take(key(presented.getValue()))
                .orElseThrow(() -> new CeremonyRefused(Refusal.CHALLENGE_UNKNOWN, "unknown or used challenge"));
        if (!clock.instant().isBefore(found.expiresAt())) {
            throw new CeremonyRefused(Refusal.CHALLENGE_EXPIRED, "challenge expired");
        }
        if (found.kind() != kind) throw new CeremonyRefused(Refusal.CHALLENGE_OF_ANOTHER_CEREMONY, "wrong ceremony");
        if (!found.askedBy().equals(askingSession)) {
            throw new CeremonyRefused(Refusal.CHALLENGE_OF_ANOTHER_SESSION, "challenge of another session");
        }
        return found;
    }

    private static String key(byte[] challenge) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(challenge);
    }
}
