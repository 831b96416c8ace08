package io.custody.infra.identity.passkey;

import io.custody.api.error.Reason;
import io.custody.api.error.RejectedException;
import io.custody.api.error.Rejection;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The JSON shapes of WebAuthn as browsers speak it ({@code PublicKeyCredential.toJSON()}, WebAuthn Level 3 §5.1.8):
 * binary members are unpadded base64url strings. Unknown members (client extension results, transports, ...) are
 * ignored.
 */
public final class WebAuthnJson {

    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]*");

    private WebAuthnJson() {
    }

    /** A credential as {@code navigator.credentials.create()} or {@code .get()} returned it, in its JSON form. */
    public record Credential(String id, String rawId, String type, Response response) {
    }

    /**
     * The authenticator's response: {@code attestationObject} for a registration; {@code authenticatorData},
     * {@code signature} and (for discoverable credentials) {@code userHandle} for an assertion.
     */
    public record Response(String clientDataJSON, String attestationObject, String authenticatorData, String signature,
                           String userHandle) {
    }

    /** The decoded bytes of a required base64url member, or {@code 400 INVALID_FIELD} naming it. */
    public static byte[] required(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw invalid(field, "is required");
        }
        return decode(field, value);
    }

    public static byte[] optional(String field, String value) {
        return value == null || value.isEmpty() ? null : decode(field, value);
    }

    private static byte[] decode(String field, String value) {
        if (!BASE64URL.matcher(value).matches() || value.length() % 4 == 1) {
            throw invalid(field, "must be unpadded base64url");
        }
        return Base64.getUrlDecoder().decode(value);
    }

    public static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The credential's raw id, which must agree with its {@code id} when both are given. */
    public static byte[] credentialId(Credential credential) {
        if (credential == null) throw invalid("credential", "is required");
        if (credential.type() != null && !"public-key".equals(credential.type())) {
            throw invalid("credential.type", "must be public-key");
        }
        byte[] raw = required("credential.rawId", credential.rawId() != null ? credential.rawId() : credential.id());
        if (credential.id() != null && credential.rawId() != null && !credential.id().equals(credential.rawId())) {
            throw invalid("credential.id", "must equal credential.rawId");
        }
        return raw;
    }

    public static Response response(Credential credential) {
        if (credential == null) throw invalid("credential", "is required");
        if (credential.response() == null) throw invalid("credential.response", "is required");
        return credential.response();
    }

    static RejectedException invalid(String field, String problem) {
        return new RejectedException(new Rejection(Reason.INVALID_FIELD, "Invalid passkey response",
                Map.of(field, List.of(problem))));
    }
}
