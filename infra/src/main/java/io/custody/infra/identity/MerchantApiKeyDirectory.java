package io.custody.infra.identity;

import io.custody.api.payment.MerchantApiKeyScope;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The merchant API keys authentication reads (ADR identity-030): the directory table the identity projection keeps in
 * the transaction of each key event, so there is no cache to outlive a revocation. One primary-key query per request;
 * {@code last_used_at} is written at most once a {@link #LAST_USED_RESOLUTION} per key, so a busy key costs no write
 * per request.
 */
public final class MerchantApiKeyDirectory {

    static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public MerchantApiKeyDirectory(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A key that may authenticate now: not revoked, not expired. */
    public record ActiveKey(String keyId, String merchant, String organisation, String secretHash,
                            Set<MerchantApiKeyScope> scopes, Instant lastUsedAt) {
        @Override
        public String toString() {
            return "ActiveKey[" + keyId + " of " + merchant + "]"; // not the hash either
        }
    }

    public Optional<ActiveKey> active(String keyId) {
        Instant now = clock.instant();
        return jdbc.query("""
                        SELECT merchant_id, organisation_id, secret_hash, scopes, last_used_at
                        FROM identity_merchant_api_key
                        WHERE key_id = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)""",
                (rs, i) -> new ActiveKey(keyId, rs.getString(1), rs.getString(2), rs.getString(3),
                        scopes(rs.getArray(4)), instant(rs.getTimestamp(5))), keyId, Timestamp.from(now))
                .stream().findFirst();
    }

    /** Notes that the key authenticated a request, unless that was noted less than a minute ago. */
    public void used(ActiveKey key) {
        Instant now = clock.instant();
        if (key.lastUsedAt() != null && key.lastUsedAt().plus(LAST_USED_RESOLUTION).isAfter(now)) return;
        jdbc.update("UPDATE identity_merchant_api_key SET last_used_at = ? WHERE key_id = ? "
                        + "AND (last_used_at IS NULL OR last_used_at < ?)", Timestamp.from(now), key.keyId(),
                Timestamp.from(now.minus(LAST_USED_RESOLUTION)));
    }

    private static Set<MerchantApiKeyScope> scopes(Array array) throws SQLException {
        Set<MerchantApiKeyScope> scopes = EnumSet.noneOf(MerchantApiKeyScope.class);
        for (Object name : (Object[]) array.getArray()) {
            scopes.add(MerchantApiKeyScope.valueOf(name.toString()));
        }
        return scopes;
    }

    private static Instant instant(Timestamp at) {
        return at == null ? null : at.toInstant();
    }
}
