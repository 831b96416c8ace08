package io.custody.query.wallet;

import io.custody.api.wallet.CustodyWalletCreated;
import io.custody.api.wallet.CustodyWalletRenamed;
import io.custody.api.wallet.SignerAddress;
import java.sql.Array;
import java.sql.Timestamp;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code wallet_view} current. Runs in a tracking processor whose token is stored by the same JDBC transaction
 * (Axon's unit of work joins Spring's), so a crash can never leave the token ahead of the row or the row ahead of the
 * token. Writes are idempotent so that a replay rebuilds the same table.
 */
@Component
@ProcessingGroup(WalletProjection.PROCESSING_GROUP)
public class WalletProjection {

    public static final String PROCESSING_GROUP = "wallet-read-model";

    private final JdbcTemplate jdbc;

    public WalletProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(CustodyWalletCreated event, TrackingToken token) {
        long position = token.position().orElseThrow();
        jdbc.update(con -> {
            var statement = con.prepareStatement("""
                    INSERT INTO wallet_view (wallet_id, organisation, name, chain_family, signers, threshold, status,
                                             created_at, updated_at, version)
                    VALUES (?, ?, ?, ?, ?, ?, 'PENDING_KEY', ?, ?, ?)
                    ON CONFLICT (wallet_id) DO NOTHING""");
            Array signers = con.createArrayOf("text",
                    event.signers().stream().map(SignerAddress::value).toArray(String[]::new));
            statement.setObject(1, event.walletId().value());
            statement.setString(2, event.organisation().value());
            statement.setString(3, event.name());
            statement.setString(4, event.chainFamily().name());
            statement.setArray(5, signers);
            statement.setInt(6, event.threshold().value());
            statement.setTimestamp(7, Timestamp.from(event.createdAt()));
            statement.setTimestamp(8, Timestamp.from(event.createdAt()));
            statement.setLong(9, position);
            return statement;
        });
    }

    @EventHandler
    void on(CustodyWalletRenamed event, TrackingToken token) {
        long position = token.position().orElseThrow();
        // the version guard makes a replayed (older) event a no-op
        jdbc.update("UPDATE wallet_view SET name = ?, updated_at = ?, version = ? WHERE wallet_id = ? AND version < ?",
                event.name(), Timestamp.from(event.renamedAt()), position, event.walletId().value(), position);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM wallet_view");
    }
}
