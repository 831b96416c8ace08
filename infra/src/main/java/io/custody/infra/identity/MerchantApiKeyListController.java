package io.custody.infra.identity;

import io.custody.api.error.Reason;
import io.custody.api.error.RejectedException;
import io.custody.api.error.Rejection;
import io.custody.api.identity.Caller;
import io.custody.api.payment.MerchantId;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A merchant's API keys as the directory holds them (ADR identity-030): id, label, scopes, dates; never a secret nor
 * its hash. Another organisation's merchant answers {@code 404 MERCHANT_NOT_FOUND} exactly as a missing one does.
 */
@RestController
public class MerchantApiKeyListController {

    private final JdbcTemplate jdbc;

    public MerchantApiKeyListController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record KeyView(String keyId, String label, List<String> scopes, String createdAt, String expiresAt,
                          String lastUsedAt, String revokedAt, boolean revoked) {
    }

    @GetMapping(path = "/api/v1/merchants/{merchantId}/api-keys", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<List<KeyView>> list(@PathVariable String merchantId, ServerWebExchange exchange) {
        String organisation = Caller.of(exchange.getAttributes()).organisation().value();
        MerchantId id;
        try {
            id = new MerchantId(merchantId);
        } catch (IllegalArgumentException e) {
            throw RejectedException.invalid("Invalid merchant id", Map.of("merchantId", List.of(e.getMessage())));
        }
        return Mono.fromCallable(() -> {
            List<KeyView> keys = jdbc.query("""
                            SELECT key_id, label, scopes, created_at, expires_at, last_used_at, revoked_at
                            FROM identity_merchant_api_key WHERE merchant_id = ? AND organisation_id = ?
                            ORDER BY created_at, key_id""",
                    (rs, i) -> new KeyView(rs.getString(1), rs.getString(2), names(rs.getArray(3)),
                            rs.getTimestamp(4).toInstant().toString(), instant(rs.getTimestamp(5)),
                            instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)), rs.getTimestamp(7) != null),
                    id.value(), organisation);
            // no keys: the merchant may have none yet, or not be the caller's organisation's (the payments' read
            // model knows which merchants an organisation has)
            if (keys.isEmpty() && jdbc.queryForList("SELECT 1 FROM merchant_view WHERE merchant_id = ? "
                    + "AND organisation_id = ?", Integer.class, id.value(), organisation).isEmpty()) {
                throw new RejectedException(new Rejection(Reason.MERCHANT_NOT_FOUND, "No merchant " + id.value(),
                        Map.of()));
            }
            return keys;
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private static String instant(Timestamp at) {
        return at == null ? null : at.toInstant().toString();
    }

    private static List<String> names(Array array) throws SQLException {
        return Arrays.stream((Object[]) array.getArray()).map(Object::toString).sorted().toList();
    }
}
