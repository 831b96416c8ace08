package io.custody.infra.identity;

import io.custody.api.identity.Role;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The service accounts, keys and used assertion ids the assertion exchange reads, in PostgreSQL (the directory tables
 * the identity projection keeps in the transaction of each event, ADR identity-001).
 */
public final class ServiceAccountKeyDirectory implements ServiceAccountAssertions.Directory {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public ServiceAccountKeyDirectory(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Optional<ServiceAccountAssertions.Account> activeAccount(UUID serviceAccount) {
        return jdbc.query("SELECT organisation_id, roles FROM identity_service_account WHERE service_account_id = ? "
                        + "AND revoked_at IS NULL",
                (rs, i) -> new ServiceAccountAssertions.Account(rs.getString(1), roles(rs.getArray(2))),
                serviceAccount).stream().findFirst();
    }

    @Override
    public Optional<ServiceAccountAssertions.Key> activeKey(UUID serviceAccount, String keyId) {
        return jdbc.query("SELECT algorithm, public_jwk FROM identity_service_account_key WHERE service_account_id = ? "
                        + "AND key_id = ? AND revoked_at IS NULL",
                (rs, i) -> new ServiceAccountAssertions.Key(rs.getString(1), rs.getString(2)), serviceAccount, keyId)
                .stream().findFirst();
    }

    /**
     * One INSERT decides: of two requests with the same id at the same moment, the primary key lets exactly one
     * through. Ids of assertions that have expired are deleted on the way, since an expired assertion is refused
     * before its id is looked at.
     */
    @Override
    public boolean firstUse(UUID serviceAccount, String jti, Instant keepUntil) {
        jdbc.update("DELETE FROM identity_assertion_jti WHERE expires_at < ?", Timestamp.from(clock.instant()));
        return jdbc.update("INSERT INTO identity_assertion_jti (service_account_id, jti, expires_at) VALUES (?, ?, ?) "
                + "ON CONFLICT DO NOTHING", serviceAccount, jti, Timestamp.from(keepUntil)) == 1;
    }

    static Set<Role> roles(Array array) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Object name : (Object[]) array.getArray()) {
            roles.add(Role.valueOf(name.toString()));
        }
        return roles;
    }
}
