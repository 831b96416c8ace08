package io.custody.audit.tool;

import io.custody.audit.record.AuditRecord;
import io.custody.audit.record.StoredEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

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
 * them again); they are the events without a record, which {@link LogVerifier} looks for after the records. The
 * events come from an {@link EventSource}: the JDBC table, or Axon Server, whose direct lookup is by the record's
 * aggregate and sequence.
 */
final class StoredRows implements AutoCloseable {

    private static final int READ_AHEAD = 50_000;

    private static final String RECORDS = """
            SELECT leaf_index, event_id, aggregate_type, aggregate_id, aggregate_sequence, event_type, organisation_id,
                   wallet_id, actor, target_type, target_id, details, ip_address, user_agent, session_id, trace_id,
                   occurred_at, event_hash, leaf_hash, global_index
            FROM audit_record ORDER BY leaf_index""";

    private final PreparedStatement recordQuery;
    private final ResultSet records;
    private final EventSource source;
    private final EventScan events;
    private final Map<String, StoredEvent> readAhead = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, StoredEvent> eldest) {
            if (size() > READ_AHEAD) {
                forgotten = true;
                return true;
            }
            return false;
        }
    };
    /** Whether an event was forgotten, looked up directly, or read under an identifier already waiting. */
    private boolean forgotten;
    private boolean lookedUp;
    private boolean identifierTwice;
    private boolean eventsExhausted;
    private long lastGlobalIndex = Long.MIN_VALUE;
    private long eventsRead;

    /** Reads the records on {@code db} and the events from {@code source} (which the caller closes). */
    StoredRows(Connection db, EventSource source) throws SQLException {
        this.recordQuery = EventScan.streaming(db.prepareStatement(RECORDS));
        this.records = recordQuery.executeQuery();
        this.source = source;
        this.events = source.scan();
    }

    /** The next record in leaf order with its event ({@code null} when the store has none), or {@code null}. */
    RecordCheck.Row next() throws SQLException {
        if (!records.next()) {
            return null;
        }
        AuditRecord stored = LogVerifier.storedRecord(records);
        long hint = records.getLong(20);
        return new RecordCheck.Row(records.getLong(1), stored, records.getBytes(19), eventOf(stored, hint));
    }

    /**
     * Whether the scan of every event and the records read pair them one to one: each event read was taken by exactly
     * one record, none was looked up or forgotten, none is left over. Then no event lacks a record and no identifier
     * is shared, which the caller need not ask the database. Reads the rest of the event scan.
     */
    boolean pairedOneToOne() throws SQLException {
        eventCount();
        return !forgotten && !lookedUp && !identifierTwice && readAhead.isEmpty();
    }

    /** The number of events in the store: reads the rest of the event scan. */
    long eventCount() throws SQLException {
        readRest();
        return eventsRead;
    }

    private StoredEvent eventOf(AuditRecord record, long hint) throws SQLException {
        String eventId = record.eventId();
        StoredEvent event = readAhead.remove(eventId);
        while (event == null && !eventsExhausted && lastGlobalIndex < hint) {
            StoredEvent next = readEvent();
            if (next != null) {
                if (next.eventIdentifier().equals(eventId)) {
                    event = next;
                } else if (readAhead.put(next.eventIdentifier(), next) != null) {
                    identifierTwice = true;
                }
            }
        }
        return event != null ? event : lookup(record);
    }

    private StoredEvent readEvent() throws SQLException {
        StoredEvent event = events.next();
        if (event == null) {
            eventsExhausted = true;
            return null;
        }
        eventsRead++;
        lastGlobalIndex = event.globalIndex();
        return event;
    }

    /** Reads the rest of the scan, keeping every event not yet taken (as far as the bound allows). */
    private void readRest() throws SQLException {
        StoredEvent next;
        while ((next = readEvent()) != null) {
            if (readAhead.put(next.eventIdentifier(), next) != null) {
                identifierTwice = true;
            }
        }
    }

    private StoredEvent lookup(AuditRecord record) throws SQLException {
        lookedUp = true;
        return source.find(record.eventId(), record.aggregateId(), record.aggregateSequence());
    }

    @Override
    public void close() throws SQLException {
        try (recordQuery; events) {
            records.close();
        }
    }
}
