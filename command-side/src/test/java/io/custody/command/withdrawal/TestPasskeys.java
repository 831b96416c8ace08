package io.custody.command.withdrawal;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.AttestationConveyancePreference;
import com.webauthn4j.data.AuthenticatorAssertionResponse;
import com.webauthn4j.data.AuthenticatorSelectionCriteria;
import com.webauthn4j.data.PublicKeyCredential;
import com.webauthn4j.data.PublicKeyCredentialCreationOptions;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialRequestOptions;
import com.webauthn4j.data.PublicKeyCredentialRpEntity;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.PublicKeyCredentialUserEntity;
import com.webauthn4j.data.RegistrationRequest;
import com.webauthn4j.data.ResidentKeyRequirement;
import com.webauthn4j.data.UserVerificationRequirement;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.test.authenticator.webauthn.NoneAttestationAuthenticator;
import com.webauthn4j.test.authenticator.webauthn.WebAuthnAuthenticatorAdaptor;
import com.webauthn4j.test.client.ClientPlatform;
import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.SignerAddress;
import io.custody.api.withdrawal.Decision;
import io.custody.api.withdrawal.PasskeyApprovalChallenge;
import io.custody.api.withdrawal.PasskeyAssertion;
import io.custody.api.withdrawal.ProposalSigningPayload;
import io.custody.command.withdrawal.signature.PasskeyApprovals;
import io.custody.command.withdrawal.signature.RelyingParty;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;

/**
 * Passkeys on webauthn4j-test's emulated authenticator (a real client platform and authenticator model, a real P-256
 * key, a counter that advances) for command-side tests. Test keys only.
 */
public final class TestPasskeys {

    public static final String RP_ID = "custody.example";
    public static final String ORIGIN = "https://custody.example";
    public static final RelyingParty RELYING_PARTY = new RelyingParty(RP_ID, Set.of(ORIGIN));
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestPasskeys() {
    }

    /** A registered passkey: the device that holds it, its credential id and the COSE key its registration recorded. */
    public record Device(NoneAttestationAuthenticator authenticator, byte[] credentialId, byte[] publicKeyCose) {

        public String credentialIdText() {
            return PasskeyAssertion.encode(credentialId);
        }

        public String publicKeyText() {
            return PasskeyAssertion.encode(publicKeyCose);
        }

        public SignerAddress signer() {
            return SignerAddress.passkey(ChainFamily.EVM, credentialId);
        }

        public ClientPlatform browser(String origin) {
            return new ClientPlatform(new Origin(origin), new WebAuthnAuthenticatorAdaptor(authenticator));
        }

        /** The authenticator's answer to {@code challenge} in a page of {@code origin}. */
        public PublicKeyCredential<AuthenticatorAssertionResponse, ?> sign(byte[] challenge, String origin,
                                                                            UserVerificationRequirement uv) {
            return browser(origin).get(new PublicKeyCredentialRequestOptions(new DefaultChallenge(challenge), 60_000L,
                    RP_ID, List.of(), uv, null));
        }

        /** An approval or cancellation of a policy change, with a fresh server nonce (ADR identity-020). */
        public PasskeyAssertion decide(io.custody.api.governance.PolicyChangeSigningPayload payload,
                                       io.custody.api.governance.PolicyDecision decision) {
            byte[] nonce = nonce();
            return assertion(sign(PasskeyApprovalChallenge.challenge(PasskeyApprovalChallenge.digest(payload,
                    decision), nonce), ORIGIN, UserVerificationRequirement.REQUIRED), nonce);
        }

        /** An approval or rejection of {@code payload}'s proposal, with a fresh server nonce, as a vote carries it. */
        public PasskeyAssertion vote(ProposalSigningPayload payload, Decision decision) {
            byte[] nonce = nonce();
            return assertion(sign(PasskeyApprovalChallenge.challenge(payload, decision, nonce), ORIGIN,
                    UserVerificationRequirement.REQUIRED), nonce);
        }
    }

    public static Device register() {
        NoneAttestationAuthenticator authenticator = new NoneAttestationAuthenticator();
        ClientPlatform client = new ClientPlatform(new Origin(ORIGIN), new WebAuthnAuthenticatorAdaptor(authenticator));
        var options = new PublicKeyCredentialCreationOptions(new PublicKeyCredentialRpEntity(RP_ID, "Custody"),
                new PublicKeyCredentialUserEntity("member".getBytes(StandardCharsets.UTF_8), "ada", "Ada"),
                new DefaultChallenge(nonce()),
                List.of(new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256)),
                60_000L, List.of(), new AuthenticatorSelectionCriteria(null, ResidentKeyRequirement.REQUIRED,
                UserVerificationRequirement.REQUIRED), AttestationConveyancePreference.NONE, null);
        var created = client.create(options);
        var parsed = WebAuthnManager.createNonStrictWebAuthnManager().parse(new RegistrationRequest(
                created.getResponse().getAttestationObject(), created.getResponse().getClientDataJSON()));
        var attested = parsed.getAttestationObject().getAuthenticatorData().getAttestedCredentialData();
        byte[] data = new AttestedCredentialDataConverter(new ObjectConverter()).convert(attested);
        return new Device(authenticator, attested.getCredentialId(), PasskeyApprovals.publicKeyCose(data));
    }

    public static byte[] nonce() {
        byte[] nonce = new byte[PasskeyApprovalChallenge.NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        return nonce;
    }

    public static PasskeyAssertion assertion(PublicKeyCredential<AuthenticatorAssertionResponse, ?> signed,
                                             byte[] nonce) {
        return assertion(signed, signed.getResponse().getClientDataJSON(), signed.getResponse().getSignature(), nonce);
    }

    public static PasskeyAssertion assertion(PublicKeyCredential<AuthenticatorAssertionResponse, ?> signed,
                                             byte[] clientData, byte[] signature, byte[] nonce) {
        return new PasskeyAssertion(PasskeyAssertion.encode(signed.getRawId()),
                PasskeyAssertion.encode(signed.getResponse().getAuthenticatorData()), PasskeyAssertion.encode(clientData),
                PasskeyAssertion.encode(signature), PasskeyAssertion.encode(nonce));
    }
}
