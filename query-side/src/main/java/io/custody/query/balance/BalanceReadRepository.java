package io.custody.query.balance;

import io.custody.api.wallet.WalletId;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;

/** Non-blocking reads of {@code balance_view} with each token's pending incoming deposits. */
@Repository
public class BalanceReadRepository {

    /** One row of the balance read model. */
    public record BalanceRow(String token, BigDecimal deposited, BigDecimal withdrawn, BigDecimal reserved,
                             BigDecimal pendingIncoming, Instant observedAt) {
    }

    private final DatabaseClient db;

    public BalanceReadRepository(DatabaseClient db) {
        this.db = db;
    }

    public Flux<BalanceRow> balances(WalletId walletId) {
        return db.sql("""
                        SELECT v.token, v.deposited, v.withdrawn, v.reserved, v.observed_at,
                               COALESCE((SELECT sum(p.amount) FROM balance_pending_deposit p
                                         WHERE p.wallet_id = v.wallet_id AND p.token = v.token), 0) AS pending_incoming
                        FROM balance_view v WHERE v.wallet_id = :id ORDER BY v.token""")
                .bind("id", walletId.value())
                .map(r -> new BalanceRow(r.get("token", String.class), r.get("deposited", BigDecimal.class),
                        r.get("withdrawn", BigDecimal.class), r.get("reserved", BigDecimal.class),
                        r.get("pending_incoming", BigDecimal.class),
                        r.get("observed_at", OffsetDateTime.class).toInstant()))
                .all();
    }
}
