package io.custody.query.wallet;

import io.custody.api.EventCatalog;
import io.custody.api.wallet.CustodyWalletCreated;
import io.custody.api.wallet.WalletId;
import io.custody.api.withdrawal.WithdrawalProposed;
import java.sql.Timestamp;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records every event of a wallet's history (the wallet's own stream and the streams of its proposals and deposits,
 * as {@link EventCatalog} assigns them) in {@code wallet_event_log}, the rows behind the wallet's SSE streams, and
 * announces each with a PostgreSQL {@code NOTIFY}, which the database delivers only when the transaction commits.
 *
 * <p>A row is keyed by the event's place in its own aggregate's stream (aggregate id + sequence number), so a
 * redelivered event is a no-op and an event that fills a gap in the global index is recorded like any other. Its
 * {@code position}, the SSE id, is drawn from the table's sequence by this processor's single thread, so positions
 * follow delivery order and a stream that resumes after position {@code n} cannot miss an event committed late.
 * The processor must therefore run one segment on one thread (see {@code application.yml}).
 */
@Component
@ProcessingGroup(WalletEventLogProjection.PROCESSOR)
public class WalletEventLogProjection {

    public static final String PROCESSOR = "wallet-event-log";
    static final String CHANNEL = "wallet_events";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    public WalletEventLogProjection(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(Object payload, DomainEventMessage<?> message) {
        EventCatalog.Entry<?> entry = EventCatalog.of(payload.getClass()).orElse(null);
        if (entry == null || !entry.stream().inWalletHistory()) {
            return;
        }
        WalletId walletId = entry.walletOf(payload);
        String organisation = organisationOf(payload, walletId);
        List<Long> inserted = jdbc.queryForList("""
                        INSERT INTO wallet_event_log (wallet_id, organisation_id, stream, aggregate_id, sequence_number,
                                                      event_type, event_id, occurred_at, payload)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::json)
                        ON CONFLICT (aggregate_id, sequence_number) DO NOTHING
                        RETURNING position""", Long.class,
                walletId.value(), organisation, entry.stream().name(), message.getAggregateIdentifier(),
                message.getSequenceNumber(), entry.name(), message.getIdentifier(),
                Timestamp.from(message.getTimestamp()), json.writeValueAsString(payload));
        if (!inserted.isEmpty()) {
            jdbc.queryForObject("SELECT pg_notify(?, ?)", Object.class, CHANNEL, walletId + ":" + inserted.get(0));
        }
    }

    /**
     * The wallet's organisation: named by the two events that open a history ({@code CustodyWalletCreated},
     * {@code WithdrawalProposed}), else taken from this projection's own earlier rows of the wallet. The wallet's
     * creation always committed before any other event of its history was written, so it was delivered first.
     */
    private String organisationOf(Object payload, WalletId walletId) {
        if (payload instanceof CustodyWalletCreated created) {
            return created.organisation().value();
        }
        if (payload instanceof WithdrawalProposed proposed && proposed.organisation() != null) {
            return proposed.organisation().value();
        }
        List<String> known = jdbc.queryForList(
                "SELECT organisation_id FROM wallet_event_log WHERE wallet_id = ? ORDER BY position LIMIT 1",
                String.class, walletId.value());
        if (known.isEmpty()) {
            throw new IllegalStateException("no organisation known for wallet " + walletId
                    + ": its CustodyWalletCreated has not been recorded");
        }
        return known.get(0);
    }

    @ResetHandler
    void reset() {
        // positions are not restarted: a client resuming with an id from before the rebuild receives the rebuilt
        // history again rather than missing part of it
        jdbc.update("DELETE FROM wallet_event_log");
    }
}
