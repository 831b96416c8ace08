package io.custody.query.audit;

import io.custody.audit.record.StoredEvent;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * Reads events from the Axon JDBC event store ({@code DomainEventEntry}) as stored, bytes included. The audit record
 * hashes those bytes, not a re-serialisation of the event, so a changed payload in the store shows.
 */
final class StoredEvents {

    static final String COLUMNS = "globalIndex, eventIdentifier, aggregateIdentifier, sequenceNumber, type, "
            + "payloadType, payloadRevision, timeStamp, payload, metaData";

    static final RowMapper<StoredEvent> ROW = (rs, n) -> new StoredEvent(rs.getLong(1), rs.getString(2),
            rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
            rs.getBytes(9), rs.getBytes(10));

    private StoredEvents() {
    }

    static StoredEvent byId(JdbcTemplate jdbc, String eventIdentifier) {
        List<StoredEvent> rows = jdbc.query("SELECT " + COLUMNS + " FROM DomainEventEntry WHERE eventIdentifier = ?",
                ROW, eventIdentifier);
        if (rows.isEmpty()) {
            // the audit log is defined over the JDBC event store; with Axon Server it would read the server's bytes
            throw new IllegalStateException("event " + eventIdentifier + " is not in DomainEventEntry");
        }
        return rows.get(0);
    }
}
