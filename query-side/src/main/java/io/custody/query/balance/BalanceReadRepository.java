package io.custody.query.balance;

import io.custody.api.wallet.WalletId;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;

/** Non-blocking reads of {@code balance_view}. */
@Repository
public class BalanceReadRepository {

    /** One row of the balance read model. */
    public record BalanceRow(String token, BigDecimal deposited, BigDecimal withdrawn, BigDecimal reserved,
                             Instant observedAt) {
    }

    private final DatabaseClient db;

    public BalanceReadRepository(DatabaseClient db) {
        this.db = db;
    }

    public Flux<BalanceRow> balances(WalletId walletId) {
        return db.sql("SELECT token, deposited, withdrawn, reserved, observed_at FROM balance_view "
                        + "WHERE wallet_id = :id ORDER BY token")
                .bind("id", walletId.value())
                .map(r -> new BalanceRow(r.get("token", String.class), r.get("deposited", BigDecimal.class),
                        r.get("withdrawn", BigDecimal.class), r.get("reserved", BigDecimal.class),
                        r.get("observed_at", OffsetDateTime.class).toInstant()))
                .all();
    }
}
