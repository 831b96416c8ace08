package io.custody.api.withdrawal;

import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A WebAuthn assertion by which a passkey signer approved or rejected a proposal, kept whole in the vote's event so that
 * anyone can verify it again later, offline (ADR identity-003): the signature covers {@code authenticatorData ||
 * SHA-256(clientDataJSON)}, and the client data's challenge is {@link PasskeyApprovalChallenge} of the proposal, the
 * decision and {@code serverNonce}. Every member is unpadded base64url.
 *
 * @param credentialId      the WebAuthn credential id (raw id)
 * @param authenticatorData the authenticator data the authenticator signed (RP id hash, flags, counter)
 * @param clientDataJson    the client data JSON the browser built (type, challenge, origin)
 * @param signature         the authenticator's signature
 * @param serverNonce       the server's 32 random bytes that went into the challenge
 */
public record PasskeyAssertion(String credentialId, String authenticatorData, String clientDataJson, String signature,
                               String serverNonce) {

    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]{1,16384}");

    public PasskeyAssertion {
        check("credentialId", credentialId);
        check("authenticatorData", authenticatorData);
        check("clientDataJson", clientDataJson);
        check("signature", signature);
        check("serverNonce", serverNonce);
    }

    private static void check(String name, String value) {
        Objects.requireNonNull(value, name);
        if (!BASE64URL.matcher(value).matches() || value.length() % 4 == 1) {
            throw new IllegalArgumentException(name + " must be unpadded base64url");
        }
    }

    public byte[] credentialIdBytes() {
        return decode(credentialId);
    }

    public byte[] authenticatorDataBytes() {
        return decode(authenticatorData);
    }

    public byte[] clientDataJsonBytes() {
        return decode(clientDataJson);
    }

    public byte[] signatureBytes() {
        return decode(signature);
    }

    public byte[] serverNonceBytes() {
        return decode(serverNonce);
    }

    public static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] decode(String text) {
        return Base64.getUrlDecoder().decode(text);
    }
}
