package io.custody.audit.tool;

import io.custody.audit.record.AuditRecord;
import io.custody.audit.record.StoredEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.postgresql.PGStatement;

/**
 * The stored records in leaf order, each with the event of the event store whose identifier it names (or none): what
 * {@code audit_record LEFT JOIN DomainEventEntry ON eventIdentifier = event_id ORDER BY leaf_index} gives, read as two
 * ordered scans merged here instead. PostgreSQL runs that join as one random index lookup per record, which was most
 * of {@code verify}'s time on a million records; the records are written in about the order of the events' global
 * index, so both tables are read in their own order and each record finds its event among the events read ahead.
 *
 * <p>The stored {@code global_index} of a record is only a hint of how far to read ahead: an event is always taken
 * by its identifier, from the events read ahead or, failing that, by a direct lookup. A wrong hint costs time, never
 * a wrong pairing. Events read ahead and never taken are kept up to a bound and then forgotten (a direct lookup finds
 * them again); they are the events without a record, which {@link LogVerifier} looks for after the records.
 */
final class StoredRows implements AutoCloseable {

    private static final int FETCH = 5_000;
    private static final int READ_AHEAD = 50_000;

    private static final String RECORDS = """
            SELECT leaf_index, event_id, aggregate_type, aggregate_id, aggregate_sequence, event_type, organisation_id,
                   wallet_id, actor, target_type, target_id, details, ip_address, user_agent, session_id, trace_id,
                   occurred_at, event_hash, leaf_hash, global_index
            FROM audit_record ORDER BY leaf_index""";
    private static final String EVENT_COLUMNS = """
            SELECT globalIndex, eventIdentifier, aggregateIdentifier, sequenceNumber, type, payloadType,
                   payloadRevision, timeStamp, payload, metaData FROM DomainEventEntry""";

    private final Connection db;
    private final PreparedStatement recordQuery;
    private final ResultSet records;
    private final PreparedStatement eventQuery;
    private final ResultSet events;
    private PreparedStatement lookup;
    private final Map<String, StoredEvent> readAhead = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, StoredEvent> eldest) {
            return size() > READ_AHEAD;
        }
    };
    private boolean eventsExhausted;
    private long lastGlobalIndex = Long.MIN_VALUE;
    private long eventsRead;

    StoredRows(Connection db) throws SQLException {
        this.db = db;
        this.recordQuery = binary(db.prepareStatement(RECORDS));
        this.records = recordQuery.executeQuery();
        this.eventQuery = binary(db.prepareStatement(EVENT_COLUMNS + " ORDER BY globalIndex"));
        this.events = eventQuery.executeQuery();
    }

    /** The next record in leaf order with its event ({@code null} when the store has none), or {@code null}. */
    RecordCheck.Row next() throws SQLException {
        if (!records.next()) {
            return null;
        }
        AuditRecord stored = LogVerifier.storedRecord(records);
        long hint = records.getLong(20);
        return new RecordCheck.Row(records.getLong(1), stored, records.getBytes(19), eventOf(stored.eventId(), hint));
    }

    /** The number of events in the store: reads the rest of the event scan. */
    long eventCount() throws SQLException {
        while (!eventsExhausted) {
            readEvent();
        }
        return eventsRead;
    }

    private StoredEvent eventOf(String eventId, long hint) throws SQLException {
        StoredEvent event = readAhead.remove(eventId);
        while (event == null && !eventsExhausted && lastGlobalIndex < hint) {
            StoredEvent next = readEvent();
            if (next != null) {
                if (next.eventIdentifier().equals(eventId)) {
                    event = next;
                } else {
                    readAhead.put(next.eventIdentifier(), next);
                }
            }
        }
        return event != null ? event : lookup(eventId);
    }

    private StoredEvent readEvent() throws SQLException {
        if (!events.next()) {
            eventsExhausted = true;
            return null;
        }
        eventsRead++;
        StoredEvent event = event(events);
        lastGlobalIndex = event.globalIndex();
        return event;
    }

    private StoredEvent lookup(String eventId) throws SQLException {
        if (lookup == null) {
            lookup = db.prepareStatement(EVENT_COLUMNS + " WHERE eventIdentifier = ?");
        }
        lookup.setString(1, eventId);
        try (ResultSet rs = lookup.executeQuery()) {
            return rs.next() ? event(rs) : null;
        }
    }

    private static StoredEvent event(ResultSet rs) throws SQLException {
        return new StoredEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getBytes(9), rs.getBytes(10));
    }

    /** Streams in batches, with bytea columns in binary (half the bytes of their hex text). */
    private static PreparedStatement binary(PreparedStatement statement) throws SQLException {
        statement.setFetchSize(FETCH);
        statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
        return statement;
    }

    @Override
    public void close() throws SQLException {
        try (recordQuery; eventQuery; PreparedStatement l = lookup) {
            records.close();
            events.close();
        }
    }
}
