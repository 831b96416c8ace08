package io.custody.query.wallet;

import java.sql.Timestamp;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records every event of a custody wallet with its global sequence, the history behind the wallet's SSE stream, and
 * announces it with a PostgreSQL {@code NOTIFY}, which the database delivers only when the transaction commits: a
 * listener on any instance never hears of a row it cannot read yet.
 */
@Component
@ProcessingGroup(WalletProjection.PROCESSING_GROUP)
public class WalletEventLogProjection {

    static final String AGGREGATE_TYPE = "CustodyWallet";
    static final String CHANNEL = "wallet_events";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    public WalletEventLogProjection(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(Object payload, DomainEventMessage<?> message, TrackingToken token) {
        if (!AGGREGATE_TYPE.equals(message.getType())) {
            return;
        }
        long position = token.position().orElseThrow();
        String walletId = message.getAggregateIdentifier();
        int inserted = jdbc.update("""
                        INSERT INTO wallet_event_log (global_index, wallet_id, sequence_number, event_type, event_id,
                                                      occurred_at, payload)
                        VALUES (?, ?::uuid, ?, ?, ?, ?, ?::json)
                        ON CONFLICT (global_index) DO NOTHING""",
                position, walletId, message.getSequenceNumber(), message.getPayloadType().getSimpleName(),
                message.getIdentifier(), Timestamp.from(message.getTimestamp()), json.writeValueAsString(payload));
        if (inserted == 1) {
            jdbc.queryForObject("SELECT pg_notify(?, ?)", Object.class, CHANNEL, walletId + ":" + position);
        }
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM wallet_event_log");
    }
}
