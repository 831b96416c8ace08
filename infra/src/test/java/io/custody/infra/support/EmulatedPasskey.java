package io.custody.infra.support;

import com.webauthn4j.data.AttestationConveyancePreference;
import com.webauthn4j.data.AuthenticatorAssertionResponse;
import com.webauthn4j.data.AuthenticatorAttestationResponse;
import com.webauthn4j.data.AuthenticatorSelectionCriteria;
import com.webauthn4j.data.PublicKeyCredential;
import com.webauthn4j.data.PublicKeyCredentialCreationOptions;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialRequestOptions;
import com.webauthn4j.data.PublicKeyCredentialRpEntity;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.PublicKeyCredentialUserEntity;
import com.webauthn4j.data.ResidentKeyRequirement;
import com.webauthn4j.data.UserVerificationRequirement;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.test.authenticator.webauthn.NoneAttestationAuthenticator;
import com.webauthn4j.test.authenticator.webauthn.WebAuthnAuthenticatorAdaptor;
import com.webauthn4j.test.client.ClientPlatform;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A person's device for HTTP tests: webauthn4j-test's emulated platform authenticator (real P-256 key, real signatures,
 * a counter that advances) behind an emulated browser ({@link ClientPlatform}) on a page of an origin. It takes the
 * server's options JSON as a browser's {@code navigator.credentials} would and answers in
 * {@code PublicKeyCredential.toJSON()} form. Test keys only.
 */
public final class EmulatedPasskey {

    /** The relying party tests start the application with ({@link #ARGUMENTS}). */
    public static final String RP_ID = "custody.example";
    public static final String ORIGIN = "https://custody.example";
    public static final String[] ARGUMENTS = {"--custody.identity.passkey.rp-id=" + RP_ID,
            "--custody.identity.passkey.origins=" + ORIGIN};

    private final NoneAttestationAuthenticator authenticator = new NoneAttestationAuthenticator();
    private String credentialId;

    /** The credential id (base64url) of the passkey this device registered last. */
    public String credentialId() {
        return credentialId;
    }

    public ClientPlatform browser(String origin) {
        return new ClientPlatform(new Origin(origin), new WebAuthnAuthenticatorAdaptor(authenticator));
    }

    /** Asks the server for registration options as {@code http}'s member, creates the credential, registers it. */
    public Http.Response register(Http http, String name) {
        return http.post("/api/v1/passkeys", registrationBody(http, name, ORIGIN, null));
    }

    /** The request body registering a new credential made for the options {@code http} gets, on a page of {@code origin}. */
    public String registrationBody(Http http, String name, String origin, String rpIdOverride) {
        Http.Response options = http.post("/api/v1/passkeys/registration-options", "{}");
        if (options.status() != 200) throw new IllegalStateException(options.status() + " " + options.body());
        return registrationBody(options.json().get("publicKey"), name, origin, rpIdOverride);
    }

    public String registrationBody(JsonNode publicKey, String name, String origin, String rpIdOverride) {
        String rpId = rpIdOverride != null ? rpIdOverride : publicKey.get("rp").get("id").asString();
        var options = new PublicKeyCredentialCreationOptions(new PublicKeyCredentialRpEntity(rpId, "Custody"),
                new PublicKeyCredentialUserEntity(decode(publicKey.get("user").get("id").asString()),
                        publicKey.get("user").get("name").asString(), publicKey.get("user").get("displayName").asString()),
                new DefaultChallenge(decode(publicKey.get("challenge").asString())),
                List.of(new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256)),
                publicKey.get("timeout").asLong(), List.of(),
                new AuthenticatorSelectionCriteria(null, ResidentKeyRequirement.REQUIRED, UserVerificationRequirement.REQUIRED),
                AttestationConveyancePreference.NONE, null);
        PublicKeyCredential<AuthenticatorAttestationResponse, ?> created = browser(origin).create(options);
        credentialId = encode(created.getRawId());
        ObjectNode response = Http.JSON.createObjectNode()
                .put("attestationObject", encode(created.getResponse().getAttestationObject()))
                .put("clientDataJSON", encode(created.getResponse().getClientDataJSON()));
        ObjectNode body = Http.JSON.createObjectNode();
        if (name != null) body.put("name", name);
        body.set("credential", credential(created.getRawId(), response));
        return body.toString();
    }

    /** An assertion over {@code challenge} (base64url) in {@code PublicKeyCredential.toJSON()} form. */
    public ObjectNode assertion(String challenge) {
        return assertion(challenge, ORIGIN, UserVerificationRequirement.REQUIRED);
    }

    public ObjectNode assertion(String challenge, String origin, UserVerificationRequirement uv) {
        var options = new PublicKeyCredentialRequestOptions(new DefaultChallenge(decode(challenge)), 60_000L, RP_ID,
                List.of(), uv, null);
        PublicKeyCredential<AuthenticatorAssertionResponse, ?> signed = browser(origin).get(options);
        ObjectNode response = Http.JSON.createObjectNode()
                .put("authenticatorData", encode(signed.getResponse().getAuthenticatorData()))
                .put("clientDataJSON", encode(signed.getResponse().getClientDataJSON()))
                .put("signature", encode(signed.getResponse().getSignature()));
        if (signed.getResponse().getUserHandle() != null) {
            response.put("userHandle", encode(signed.getResponse().getUserHandle()));
        }
        return credential(signed.getRawId(), response);
    }

    /** Logs in without a username: login options, an assertion, the login; answers the login's response. */
    public Http.Response logIn(Http anonymous) {
        JsonNode options = anonymous.post("/api/v1/passkeys/login-options", "{}").json();
        return anonymous.post("/api/v1/passkeys/login", loginBody(options.get("ceremonyId").asString(),
                assertion(options.get("publicKey").get("challenge").asString())));
    }

    public static String loginBody(String ceremonyId, ObjectNode credential) {
        ObjectNode body = Http.JSON.createObjectNode().put("ceremonyId", ceremonyId);
        body.set("credential", credential);
        return body.toString();
    }

    private static ObjectNode credential(byte[] rawId, ObjectNode response) {
        ObjectNode credential = Http.JSON.createObjectNode()
                .put("id", encode(rawId)).put("rawId", encode(rawId)).put("type", "public-key");
        credential.set("response", response);
        return credential;
    }

    public static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] decode(String text) {
        return Base64.getUrlDecoder().decode(text);
    }

    /** Replaces one JSON member of the assertion's response (tampering). */
    public static ObjectNode withResponse(ObjectNode credential, String member, String value) {
        ObjectNode copy = credential.deepCopy();
        ((ObjectNode) copy.get("response")).put(member, value);
        return copy;
    }

    /** The assertion's client data with {@code extra} spliced in before its closing brace (a tampered browser). */
    public static String tamperedClientData(ObjectNode credential) {
        String json = new String(decode(credential.get("response").get("clientDataJSON").asString()),
                StandardCharsets.UTF_8);
        return encode(json.replace("}", ",\"extra\":\"x\"}").getBytes(StandardCharsets.UTF_8));
    }
}
