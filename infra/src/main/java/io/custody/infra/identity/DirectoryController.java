package io.custody.infra.identity;

import io.custody.api.identity.Caller;
import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The caller's organisation's members and service accounts (never a token or its hash). */
@RestController
public class DirectoryController {

    private final JdbcTemplate jdbc;

    public DirectoryController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record MemberView(String memberId, String displayName, List<String> roles, String joinedAt) {
    }

    public record ServiceAccountView(String serviceAccountId, String name, List<String> roles, String createdAt,
                                     String revokedAt, List<KeyView> keys) {
    }

    /** A registered assertion key: its id (RFC 7638 thumbprint) and algorithm, never more of the key. */
    public record KeyView(String keyId, String algorithm, String registeredAt, String revokedAt) {
    }

    @GetMapping(path = "/api/v1/organisation/members", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<List<MemberView>> members(ServerWebExchange exchange) {
        String organisation = Caller.of(exchange.getAttributes()).organisation().value();
        return Mono.fromCallable(() -> jdbc.query("""
                        SELECT member_id, display_name, roles, joined_at FROM identity_member
                        WHERE organisation_id = ? AND removed_at IS NULL ORDER BY joined_at, member_id""",
                (rs, i) -> new MemberView(rs.getString(1), rs.getString(2), names(rs.getArray(3)),
                        rs.getTimestamp(4).toInstant().toString()), organisation))
                .subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping(path = "/api/v1/organisation/service-accounts", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<List<ServiceAccountView>> serviceAccounts(ServerWebExchange exchange) {
        String organisation = Caller.of(exchange.getAttributes()).organisation().value();
        return Mono.fromCallable(() -> {
            Map<String, List<KeyView>> keys = new HashMap<>();
            jdbc.query("""
                    SELECT k.service_account_id, k.key_id, k.algorithm, k.registered_at, k.revoked_at
                    FROM identity_service_account_key k JOIN identity_service_account a
                      ON a.service_account_id = k.service_account_id
                    WHERE a.organisation_id = ? ORDER BY k.registered_at, k.key_id""", (RowCallbackHandler) rs -> {
                keys.computeIfAbsent(rs.getString(1), id -> new ArrayList<>()).add(new KeyView(rs.getString(2),
                        rs.getString(3), rs.getTimestamp(4).toInstant().toString(), instant(rs.getTimestamp(5))));
            }, organisation);
            return jdbc.query("""
                            SELECT service_account_id, name, roles, created_at, revoked_at FROM identity_service_account
                            WHERE organisation_id = ? ORDER BY created_at, service_account_id""",
                    (rs, i) -> new ServiceAccountView(rs.getString(1), rs.getString(2), names(rs.getArray(3)),
                            rs.getTimestamp(4).toInstant().toString(), instant(rs.getTimestamp(5)),
                            keys.getOrDefault(rs.getString(1), List.of())), organisation);
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private static String instant(java.sql.Timestamp at) {
        return at == null ? null : at.toInstant().toString();
    }

    private static List<String> names(Array array) throws SQLException {
        return Arrays.stream((Object[]) array.getArray()).map(Object::toString).sorted().toList();
    }
}
