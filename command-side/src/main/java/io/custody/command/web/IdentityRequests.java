package io.custody.command.web;

import java.util.List;

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

    /** The token is shown here once and never again; only its SHA-256 is kept. */
    public record ServiceAccountResponse(String serviceAccountId, String token) {
    }
}
