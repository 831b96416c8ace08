package io.custody.infra.identity.passkey;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads of {@code identity_passkey}, which {@code IdentityDirectoryProjection} keeps in the transaction of the
 * {@code MemberPasskeys} events: which member a credential belongs to, whether it is usable, its public key and the
 * counter last seen. Login and registration look here; the aggregate remains the judge of counters and revocation.
 */
public final class PasskeyDirectory {

    /** One passkey as the directory keeps it. */
    public record Entry(String credentialId, String member, String organisation, String signer, String publicKeyCose,
                        long signatureCount, boolean backupEligible, boolean backedUp, String attestationFormat,
                        String name, Instant registeredAt, Instant lastUsedAt, Instant revokedAt) {

        public boolean active() {
            return revokedAt == null;
        }
    }

    private final JdbcTemplate jdbc;

    public PasskeyDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The passkey {@code credentialId} (base64url), if some member registered it, revoked or not. */
    public Optional<Entry> find(String credentialId) {
        return jdbc.query("SELECT * FROM identity_passkey WHERE credential_id = ?", PasskeyDirectory::entry,
                credentialId).stream().findFirst();
    }

    /**
     * The passkey, if it may sign in: not revoked, and its member still a member of its organisation (a removed
     * member's passkeys sign in to nothing).
     */
    public Optional<Entry> usable(String credentialId) {
        return jdbc.query("""
                SELECT p.* FROM identity_passkey p JOIN identity_member m ON m.member_id = p.member_id
                WHERE p.credential_id = ? AND p.revoked_at IS NULL AND m.removed_at IS NULL
                  AND m.organisation_id = p.organisation_id""", PasskeyDirectory::entry, credentialId)
                .stream().findFirst();
    }

    /** A member's passkeys, oldest first, revoked ones included. */
    public List<Entry> of(String member) {
        return jdbc.query("SELECT * FROM identity_passkey WHERE member_id = ? ORDER BY registered_at, credential_id",
                PasskeyDirectory::entry, UUID.fromString(member));
    }

    /** The member's display name, if the member belongs to {@code organisation} and was not removed. */
    public Optional<String> displayName(String member, String organisation) {
        return jdbc.queryForList("SELECT display_name FROM identity_member WHERE member_id = ? AND organisation_id = ? "
                + "AND removed_at IS NULL", String.class, UUID.fromString(member), organisation).stream().findFirst();
    }

    private static Entry entry(ResultSet rs, int row) throws SQLException {
        return new Entry(rs.getString("credential_id"), rs.getString("member_id"), rs.getString("organisation_id"),
                rs.getString("signer"), rs.getString("public_key_cose"), rs.getLong("signature_count"),
                rs.getBoolean("backup_eligible"), rs.getBoolean("backed_up"), rs.getString("attestation_format"),
                rs.getString("name"), instant(rs.getTimestamp("registered_at")), instant(rs.getTimestamp("last_used_at")),
                instant(rs.getTimestamp("revoked_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
