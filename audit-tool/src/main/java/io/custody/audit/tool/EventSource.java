package io.custody.audit.tool;

import io.custody.audit.record.StoredEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Array;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the tool reads the events from: the JDBC event store's {@code DomainEventEntry} table ({@link JdbcEventSource})
 * or Axon Server's event store over gRPC ({@link AxonServerEventSource}). Every source only reads. The audit tables
 * (records, tree, checkpoints) are always read over JDBC from PostgreSQL, whichever source holds the events.
 *
 * <p>Failures of either source are {@link SQLException}s (for Axon Server, {@link EventStoreException}), so the
 * verifier, which reads the audit tables over JDBC in any case, has one failure path.
 */
abstract class EventSource implements AutoCloseable {

    /** An event that has no record, or an identifier shared by several events. */
    record Unrecorded(String eventId, String payloadType, long count) {
    }

    /** A new scan of every event in global order. */
    abstract EventScan scan() throws SQLException;

    /** The event with {@code eventId}, which a record says is the event of that aggregate and sequence, or none. */
    abstract StoredEvent find(String eventId, String aggregateId, long sequence) throws SQLException;

    /** What the source is, for reports: never a secret. */
    abstract String describe();

    /**
     * The first event in global order whose identifier names no record of {@code db}'s {@code audit_record}, or
     * {@code null}. This default scans every event and asks {@code db} in batches; a source that can join does so.
     */
    Unrecorded firstUnrecorded(Connection db) throws SQLException {
        try (EventScan events = scan();
             PreparedStatement recorded = db.prepareStatement(
                     "SELECT event_id FROM audit_record WHERE event_id = ANY (?)")) {
            List<StoredEvent> batch = new ArrayList<>();
            StoredEvent event;
            do {
                event = events.next();
                if (event != null) {
                    batch.add(event);
                }
                if (batch.size() == 1_000 || (event == null && !batch.isEmpty())) {
                    Unrecorded found = firstWithoutRecord(db, recorded, batch);
                    if (found != null) {
                        return found;
                    }
                    batch.clear();
                }
            } while (event != null);
            return null;
        }
    }

    private static Unrecorded firstWithoutRecord(Connection db, PreparedStatement recorded, List<StoredEvent> batch)
            throws SQLException {
        Array ids = db.createArrayOf("text", batch.stream().map(StoredEvent::eventIdentifier).toArray());
        Set<String> withRecord = new HashSet<>();
        recorded.setArray(1, ids);
        try (ResultSet rs = recorded.executeQuery()) {
            while (rs.next()) {
                withRecord.add(rs.getString(1));
            }
        }
        for (StoredEvent e : batch) {
            if (!withRecord.contains(e.eventIdentifier())) {
                return new Unrecorded(e.eventIdentifier(), e.payloadType(), 1);
            }
        }
        return null;
    }

    /**
     * The first identifier (by its first event in global order) carried by more than one event, with how many, or
     * {@code null}. This default scans every event, counting identifiers in memory.
     */
    Unrecorded firstSharedIdentifier() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (EventScan events = scan()) {
            StoredEvent event;
            while ((event = events.next()) != null) {
                counts.merge(event.eventIdentifier(), 1L, Long::sum);
            }
        }
        return counts.entrySet().stream().filter(e -> e.getValue() > 1).findFirst()
                .map(e -> new Unrecorded(e.getKey(), null, e.getValue())).orElse(null);
    }

    @Override
    public abstract void close() throws SQLException;
}
