package io.custody.audit.tool;

import io.custody.audit.record.StoredEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The JDBC event store: Axon's {@code DomainEventEntry} table in the PostgreSQL that also holds the audit tables,
 * read in the transaction (snapshot) of {@code db}. A scan runs on {@code db} itself or, given {@code eventsDb} (a
 * connection that imported {@code db}'s snapshot, {@link DatabaseOptions#open(int)}), on a thread reading ahead there.
 * Events are {@linkplain StoredEvent.Form#AS_STORED as stored}: the row's own bytes.
 */
final class JdbcEventSource extends EventSource {

    private final Connection db;
    private final Connection eventsDb;
    private final boolean byCopy;
    private PreparedStatement lookup;

    JdbcEventSource(Connection db, Connection eventsDb) {
        this(db, eventsDb, false);
    }

    /** {@code byCopy}: read ahead on {@code eventsDb} by binary {@code COPY} rather than a cursor. */
    JdbcEventSource(Connection db, Connection eventsDb, boolean byCopy) {
        this.db = db;
        this.eventsDb = eventsDb;
        this.byCopy = byCopy;
    }

    @Override
    EventScan scan() throws SQLException {
        return eventsDb == null ? EventScan.on(db) : EventScan.readAhead(eventsDb, byCopy);
    }

    @Override
    StoredEvent find(String eventId, String aggregateId, long sequence) throws SQLException {
        if (lookup == null) {
            lookup = db.prepareStatement(EventScan.COLUMNS + " WHERE eventIdentifier = ?");
        }
        lookup.setString(1, eventId);
        try (ResultSet rs = lookup.executeQuery()) {
            return rs.next() ? EventScan.event(rs) : null;
        }
    }

    @Override
    String describe() {
        return "JDBC event store (DomainEventEntry)";
    }

    @Override
    Unrecorded firstUnrecorded(Connection records) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("""
                SELECT e.eventIdentifier, e.payloadType FROM DomainEventEntry e
                WHERE NOT EXISTS (SELECT 1 FROM audit_record r WHERE r.event_id = e.eventIdentifier)
                ORDER BY e.globalIndex LIMIT 1""");
             ResultSet rs = query.executeQuery()) {
            return rs.next() ? new Unrecorded(rs.getString(1), rs.getString(2), 1) : null;
        }
    }

    @Override
    Unrecorded firstSharedIdentifier() throws SQLException {
        try (PreparedStatement query = db.prepareStatement("""
                SELECT eventIdentifier, count(*) FROM DomainEventEntry GROUP BY eventIdentifier HAVING count(*) > 1
                ORDER BY min(globalIndex) LIMIT 1""");
             ResultSet rs = query.executeQuery()) {
            return rs.next() ? new Unrecorded(rs.getString(1), null, rs.getLong(2)) : null;
        }
    }

    @Override
    public void close() throws SQLException {
        if (lookup != null) {
            lookup.close();
        }
    }
}
