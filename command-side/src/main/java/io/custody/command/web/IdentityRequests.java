package io.custody.command.web;

import java.util.List;
import java.util.Map;

/** Request and response bodies of the organisation administration API. */
public final class IdentityRequests {

    private IdentityRequests() {
    }

    public record InviteRequest(List<String> roles, Integer expiresInHours) {
    }

    public record InvitationResponse(String invitationId, String enrolmentToken, String enrolmentLink,
                                     String expiresAt) {
    }

    public record RolesRequest(List<String> roles) {
    }

    public record ServiceAccountRequest(String name, List<String> roles) {
    }

    /** A public JSON Web Key: {@code {"kty":"EC","crv":"P-256","x","y"}} or {@code {"kty":"OKP","crv":"Ed25519","x"}}. */
    public record KeyRequest(Map<String, Object> publicKey) {
    }

    /** The key's id (its RFC 7638 thumbprint), which assertions name as {@code kid}, and its one algorithm. */
    public record KeyResponse(String keyId, String algorithm) {
    }

        /** The token is shown here once and never again; only its SHA-256 is kept. */
    public record ServiceAccountResponse(String serviceAccountId, String token) {
    }
}
