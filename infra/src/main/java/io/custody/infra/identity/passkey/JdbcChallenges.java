package io.custody.infra.identity.passkey;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Challenges in PostgreSQL ({@code identity_webauthn_challenge}): any instance can finish a ceremony another one
 * started, a restart does not bring a used challenge back, and {@code DELETE ... RETURNING} hands each one out once
 * even when two requests present it at the same moment.
 */
public final class JdbcChallenges implements Challenges {

    private final JdbcTemplate jdbc;

    public JdbcChallenges(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void put(String challenge, Pending pending, Instant now) {
        // forget challenges long expired (an hour of grace, so a late answer is told "expired" rather than "unknown")
        jdbc.update("DELETE FROM identity_webauthn_challenge WHERE expires_at < ?",
                Timestamp.from(now.minusSeconds(3_600)));
        jdbc.update("""
                INSERT INTO identity_webauthn_challenge (challenge, kind, asked_by, member_id, context, nonce, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", challenge, pending.kind().name(), pending.askedBy(),
                pending.member() == null ? null : UUID.fromString(pending.member()), pending.context(),
                pending.nonce() == null ? null : Base64.getUrlEncoder().withoutPadding().encodeToString(pending.nonce()),
                Timestamp.from(pending.expiresAt()));
    }

    @Override
    public Optional<Pending> take(String challenge) {
        return jdbc.query("""
                DELETE FROM identity_webauthn_challenge WHERE challenge = ?
                RETURNING kind, asked_by, member_id, context, nonce, expires_at""",
                (rs, i) -> new Pending(PasskeyCeremonies.Kind.valueOf(rs.getString("kind")), rs.getString("asked_by"),
                        rs.getString("member_id"), rs.getString("context"),
                        rs.getString("nonce") == null ? null : Base64.getUrlDecoder().decode(rs.getString("nonce")),
                        rs.getTimestamp("expires_at").toInstant()), challenge).stream().findFirst();
    }
}
