package io.custody.command.withdrawal.signature;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticationRequest;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.exception.BadChallengeException;
import com.webauthn4j.verifier.exception.BadOriginException;
import com.webauthn4j.verifier.exception.BadRpIdException;
import com.webauthn4j.verifier.exception.BadSignatureException;
import com.webauthn4j.verifier.exception.CrossOriginException;
import com.webauthn4j.verifier.exception.InconsistentClientDataTypeException;
import com.webauthn4j.verifier.exception.UserNotPresentException;
import com.webauthn4j.verifier.exception.UserNotVerifiedException;
import com.webauthn4j.verifier.exception.VerificationException;
import io.custody.api.withdrawal.Decision;
import io.custody.api.withdrawal.PasskeyApprovalChallenge;
import io.custody.api.withdrawal.PasskeyAssertion;
import io.custody.api.withdrawal.ProposalSigningPayload;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Verifies a passkey signer's vote (ADR identity-003): the WebAuthn assertion (W3C WebAuthn Level 3 §7.2, by webauthn4j:
 * type {@code webauthn.get}, challenge, origin, RP id hash, user presence and verification, signature) whose expected
 * challenge is recomputed here from the proposal as the verifier knows it, the decision, and the server nonce kept in
 * the assertion. The same check serves the aggregate, when the vote is cast, and anyone later, offline, with the
 * events alone: {@code WithdrawalProposed} (the payload), {@code ProposalApproved}/{@code ProposalRejectionCast} (the
 * assertion) and the member's {@code PasskeyRegistered} (the public key).
 *
 * <p>The signature counter is not judged here: it needs the credential's history, which the member's passkey
 * aggregate keeps (an offline verifier of one vote cannot know it).
 */
public final class PasskeyApprovals {

    /** A verified vote assertion: what the authenticator reported. */
    public record Verified(long signatureCount, boolean backedUp) {
    }

    /** Either {@link Verified} or why not (a sentence fragment about the assertion). */
    public sealed interface Outcome {
        record Valid(Verified verified) implements Outcome {
        }

        record Invalid(String problem) implements Outcome {
        }
    }

    private static final ObjectConverter CONVERTER = new ObjectConverter();
    private static final WebAuthnManager WEBAUTHN = WebAuthnManager.createNonStrictWebAuthnManager(CONVERTER);
    private static final AttestedCredentialDataConverter CREDENTIAL_DATA = new AttestedCredentialDataConverter(CONVERTER);

    private final String rpId;
    private final Set<Origin> origins;

    public PasskeyApprovals(RelyingParty relyingParty) {
        this.rpId = relyingParty.rpId();
        this.origins = relyingParty.origins().stream().map(Origin::new).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * @param assertion      the vote's assertion
     * @param publicKeyCose  the credential's COSE public key, as its registration recorded it
     * @param backupEligible the credential's backup-eligible flag as registered, or {@code null} to not compare it
     * @param payload        the proposal as the verifier knows it (never as the client says it)
     * @param decision       the decision the vote is counted as
     */
    public Outcome verify(PasskeyAssertion assertion, byte[] publicKeyCose, Boolean backupEligible,
                          ProposalSigningPayload payload, Decision decision) {
        return verify(assertion, publicKeyCose, backupEligible, PasskeyApprovalChallenge.digest(payload, decision));
    }

    /**
     * The same check for any decision the verifier knows by its {@code digest} (a proposal's vote, a policy change's
     * approval or cancellation, ADR identity-020): the expected challenge is recomputed from the digest and the
     * assertion's server nonce.
     */
    public Outcome verify(PasskeyAssertion assertion, byte[] publicKeyCose, Boolean backupEligible, byte[] digest) {
        byte[] nonce = assertion.serverNonceBytes();
        if (nonce.length != PasskeyApprovalChallenge.NONCE_BYTES) {
            return new Outcome.Invalid("names a server nonce of the wrong length");
        }
        byte[] expected = PasskeyApprovalChallenge.challenge(digest, nonce);
        byte[] credentialId = assertion.credentialIdBytes();
        AuthenticationData data;
        AttestedCredentialData credential;
        try {
            data = WEBAUTHN.parse(new AuthenticationRequest(credentialId, null, assertion.authenticatorDataBytes(),
                    assertion.clientDataJsonBytes(), assertion.signatureBytes()));
            credential = CREDENTIAL_DATA.convert(attestedCredentialData(credentialId, publicKeyCose));
        } catch (DataConversionException | tools.jackson.core.JacksonException | IllegalArgumentException
                 | NullPointerException | java.nio.BufferUnderflowException e) {
            return new Outcome.Invalid("is not a WebAuthn assertion");
        }
        if (data.getCollectedClientData() == null || data.getAuthenticatorData() == null) {
            return new Outcome.Invalid("is incomplete");
        }
        var record = new CredentialRecordImpl(null, null, backupEligible, null, 0L, credential, null, null, null, null);
        try {
            WEBAUTHN.verify(data, new AuthenticationParameters(new ServerProperty(origins, rpId,
                    new DefaultChallenge(expected)), record, List.of(credentialId), true, true));
        } catch (BadChallengeException e) {
            return new Outcome.Invalid("was not made over this proposal and decision with this server nonce");
        } catch (BadOriginException | CrossOriginException e) {
            return new Outcome.Invalid("was made in a page of an origin this server does not allow");
        } catch (BadRpIdException e) {
            return new Outcome.Invalid("was made for another relying party");
        } catch (UserNotVerifiedException | UserNotPresentException e) {
            return new Outcome.Invalid("was made without user verification");
        } catch (BadSignatureException e) {
            return new Outcome.Invalid("signature does not verify with the passkey's public key");
        } catch (InconsistentClientDataTypeException e) {
            return new Outcome.Invalid("is not an authentication assertion");
        } catch (VerificationException e) {
            return new Outcome.Invalid("does not verify (" + e.getClass().getSimpleName() + ")");
        }
        return new Outcome.Valid(new Verified(data.getAuthenticatorData().getSignCount(),
                data.getAuthenticatorData().isFlagBS()));
    }

    /**
     * Attested credential data (WebAuthn §6.5.2) for a credential known by id and COSE key: an all-zero AAGUID (an
     * assertion does not carry one), the id's length in two big-endian bytes, the id, the key.
     */
    public static byte[] attestedCredentialData(byte[] credentialId, byte[] publicKeyCose) {
        if (credentialId.length > 1023) throw new IllegalArgumentException("credential id too long");
        ByteBuffer buffer = ByteBuffer.allocate(16 + 2 + credentialId.length + publicKeyCose.length);
        buffer.put(new byte[16]).putShort((short) credentialId.length).put(credentialId).put(publicKeyCose);
        return buffer.array();
    }

    /** The COSE public key inside attested credential data (what a registration records). */
    public static byte[] publicKeyCose(byte[] attestedCredentialData) {
        int length = ((attestedCredentialData[16] & 0xFF) << 8) | (attestedCredentialData[17] & 0xFF);
        int start = 18 + length;
        byte[] key = new byte[attestedCredentialData.length - start];
        System.arraycopy(attestedCredentialData, start, key, 0, key.length);
        return key;
    }
}
