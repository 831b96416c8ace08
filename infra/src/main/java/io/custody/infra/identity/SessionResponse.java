package io.custody.infra.identity;

/** What a login, enrolment or refresh hands out (RFC 6749 names, so OAuth client libraries read it). */
public record SessionResponse(String access_token, String token_type, long expires_in, String refresh_token,
                              String member_id, String organisation, String session_id) {

    public static SessionResponse of(Sessions.Opened session, String accessToken, long expiresIn) {
        return new SessionResponse(accessToken, "Bearer", expiresIn, session.refreshToken(), session.member(),
                session.organisation(), session.session().toString());
    }
}
