package io.custody.audit.tool;

import io.custody.audit.record.AuditRecord;
import io.custody.audit.record.AuditRecordFactory;
import io.custody.audit.record.StoredEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A wallet's or a proposal's history read from the event store (not from the audit tables, which it does not need to
 * trust), as audit records in the order the events were stored, from either {@link EventSource}.
 */
final class EventHistory {

    private EventHistory() {
    }

    /**
     * The history of {@code id} from the configured source: Axon Server needs no database (the audit tables are not
     * read), the JDBC event store is read in one read-only snapshot.
     */
    static List<AuditRecord> read(EventSourceOptions source, DatabaseOptions database, String id, Instant until)
            throws SQLException {
        if (source.axonServer()) {
            try (EventSource events = source.open(null, null)) {
                return of(events, id, until);
            }
        }
        try (Connection db = database.open(); EventSource events = source.open(db, null)) {
            List<AuditRecord> history = of(events, id, until);
            db.rollback();
            return history;
        }
    }

    /** The records of the events concerning {@code id} (a wallet or a proposal) up to {@code until}, inclusive. */
    static List<AuditRecord> of(EventSource source, String id, Instant until) throws SQLException {
        List<AuditRecord> history = new ArrayList<>();
        Map<String, String> organisations = new HashMap<>();
        try (EventScan events = source.scan()) {
            StoredEvent event;
            while ((event = events.next()) != null) {
                AuditRecord record = AuditRecordFactory.record(event, w -> Optional.ofNullable(organisations.get(w)));
                if (record.walletId() != null && record.organisationId() != null) {
                    organisations.putIfAbsent(record.walletId(), record.organisationId());
                }
                if (until != null && Instant.parse(record.occurredAt()).isAfter(until)) {
                    continue;
                }
                if (id.equals(record.walletId()) || id.equals(record.aggregateId()) || id.equals(record.targetId())) {
                    history.add(record);
                }
            }
        }
        return history;
    }
}
