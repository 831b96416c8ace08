package io.custody.infra.identity;

import io.custody.api.identity.Role;
import io.custody.command.identity.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Members' sessions and the directory lookups authentication needs, in PostgreSQL. A session lasts at most
 * {@code custody.identity.session-lifetime}; its refresh token is single-use (each refresh hands out the next one),
 * and presenting an old one again revokes the whole session, as a stolen and replayed refresh token would
 * (OAuth 2.0 Security BCP, refresh token rotation).
 */
public final class Sessions {

    static final String REFRESH_PREFIX = "rt.";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration lifetime;

    public Sessions(JdbcTemplate jdbc, Clock clock, Duration lifetime) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** A session that was opened or refreshed: its id and the refresh token to present next time. */
    public record Opened(UUID session, String member, String organisation, String credential, String refreshToken,
                         Instant expiresAt) {
    }

    /** A service account as authentication needs it. */
    public record ServiceAccountEntry(String organisation, Set<Role> roles, String tokenHash) {
    }

    public Opened open(String member, String organisation, String credential, String ip, String userAgent) {
        UUID session = UUID.randomUUID();
        String secret = Secrets.newSecret();
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        jdbc.update("""
                INSERT INTO identity_session (session_id, member_id, organisation_id, credential, refresh_hash,
                                              refresh_generation, created_at, expires_at, ip, user_agent)
                VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?)""", session, UUID.fromString(member), organisation, credential,
                Secrets.hash(secret), Timestamp.from(now), Timestamp.from(expires), ip, truncate(userAgent));
        return new Opened(session, member, organisation, credential, token(session, secret), expires);
    }

    /**
     * Exchanges a refresh token for the next one. Empty when the token is not one of ours, its session has ended, or
     * it was used already; in the last case the session is revoked.
     */
    public Optional<Opened> refresh(String refreshToken) {
        Optional<Parsed> parsed = parse(refreshToken);
        if (parsed.isEmpty()) return Optional.empty();
        UUID session = parsed.get().session();
        String presented = Secrets.hash(parsed.get().secret());
        String next = Secrets.newSecret();
        Instant now = clock.instant();
        List<Opened> rotated = jdbc.query("""
                UPDATE identity_session SET refresh_hash = ?, refresh_generation = refresh_generation + 1
                WHERE session_id = ? AND refresh_hash = ? AND revoked_at IS NULL AND expires_at > ?
                RETURNING member_id, organisation_id, credential, expires_at""",
                (rs, i) -> new Opened(session, rs.getString("member_id"), rs.getString("organisation_id"),
                        rs.getString("credential"), token(session, next), rs.getTimestamp("expires_at").toInstant()),
                Secrets.hash(next), session, presented, Timestamp.from(now));
        if (rotated.isEmpty()) {
            // a refresh token that was good once and is presented again: someone has a copy
            List<String> stored = jdbc.queryForList("SELECT refresh_hash FROM identity_session WHERE session_id = ?",
                    String.class, session);
            if (!stored.isEmpty() && !MessageDigest.isEqual(stored.get(0).getBytes(StandardCharsets.US_ASCII),
                    presented.getBytes(StandardCharsets.US_ASCII))) {
                revoke(session, "refresh token reused");
            }
            return Optional.empty();
        }
        return Optional.of(rotated.get(0));
    }

    public void revoke(UUID session, String reason) {
        jdbc.update("UPDATE identity_session SET revoked_at = ?, revoked_reason = ? WHERE session_id = ? "
                + "AND revoked_at IS NULL", Timestamp.from(clock.instant()), reason, session);
    }

    /** Ends every session of a member, e.g. when a passkey is revoked or an administrator asks. */
    public int revokeAllOf(String member, String reason) {
        return jdbc.update("UPDATE identity_session SET revoked_at = ?, revoked_reason = ? WHERE member_id = ? "
                + "AND revoked_at IS NULL", Timestamp.from(clock.instant()), reason, UUID.fromString(member));
    }

    /**
     * The member's roles today, if the session stands: not revoked, not expired, and its member still belongs to the
     * organisation the session was opened in.
     */
    public Optional<Set<Role>> activeRoles(UUID session, String member, String organisation) {
        List<Set<Role>> found = jdbc.query("""
                SELECT m.roles FROM identity_session s JOIN identity_member m ON m.member_id = s.member_id
                WHERE s.session_id = ? AND s.member_id = ? AND s.organisation_id = ? AND m.organisation_id = ?
                  AND s.revoked_at IS NULL AND s.expires_at > ? AND m.removed_at IS NULL""",
                (rs, i) -> roles(rs, "roles"), session, UUID.fromString(member), organisation, organisation,
                Timestamp.from(clock.instant()));
        return found.stream().findFirst();
    }

    public Optional<ServiceAccountEntry> serviceAccount(UUID id) {
        return jdbc.query("""
                SELECT organisation_id, roles, token_hash FROM identity_service_account
                WHERE service_account_id = ? AND revoked_at IS NULL""",
                (rs, i) -> new ServiceAccountEntry(rs.getString("organisation_id"), roles(rs, "roles"),
                        rs.getString("token_hash")), id).stream().findFirst();
    }

    /**
     * A service account that holds {@code keyId} as an active assertion key: what a service account's access token
     * is checked against on every request, so revoking the account or the key ends its tokens at once.
     */
    public Optional<ServiceAccountEntry> serviceAccountWithKey(UUID id, String keyId) {
        return jdbc.query("""
                SELECT a.organisation_id, a.roles, a.token_hash FROM identity_service_account a
                JOIN identity_service_account_key k ON k.service_account_id = a.service_account_id
                WHERE a.service_account_id = ? AND k.key_id = ? AND a.revoked_at IS NULL AND k.revoked_at IS NULL""",
                (rs, i) -> new ServiceAccountEntry(rs.getString("organisation_id"), roles(rs, "roles"),
                        rs.getString("token_hash")), id, keyId).stream().findFirst();
    }

    private record Parsed(UUID session, String secret) {
    }

    private static Optional<Parsed> parse(String token) {
        if (token == null || !token.startsWith(REFRESH_PREFIX) || token.length() != REFRESH_PREFIX.length() + 36 + 1 + 43
                || token.charAt(REFRESH_PREFIX.length() + 36) != '.') {
            return Optional.empty();
        }
        try {
            String id = token.substring(REFRESH_PREFIX.length(), REFRESH_PREFIX.length() + 36);
            UUID session = UUID.fromString(id);
            if (!session.toString().equals(id)) return Optional.empty();
            String secret = token.substring(REFRESH_PREFIX.length() + 37);
            if (!secret.matches("[A-Za-z0-9_-]{43}")) return Optional.empty();
            return Optional.of(new Parsed(session, secret));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String token(UUID session, String secret) {
        return REFRESH_PREFIX + session + "." + secret;
    }

    private static Set<Role> roles(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Object name : (Object[]) array.getArray()) {
            roles.add(Role.valueOf(name.toString()));
        }
        return roles;
    }

    private static String truncate(String userAgent) {
        return userAgent == null || userAgent.length() <= 512 ? userAgent : userAgent.substring(0, 512);
    }
}
