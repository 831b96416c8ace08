package io.custody.audit.tool;

import io.custody.audit.record.AuditRecord;
import io.custody.audit.record.AuditRecordFactory;
import io.custody.audit.record.StoredEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A wallet's or a proposal's history read from the event store (not from the audit tables, which it does not need to
 * trust), as audit records in the order the events were stored.
 */
final class EventHistory {

    private EventHistory() {
    }

    /** The records of the events concerning {@code id} (a wallet or a proposal) up to {@code until}, inclusive. */
    static List<AuditRecord> of(Connection db, String id, Instant until) throws SQLException {
        List<AuditRecord> history = new ArrayList<>();
        Map<String, String> organisations = new HashMap<>();
        try (PreparedStatement query = db.prepareStatement("""
                SELECT globalIndex, eventIdentifier, aggregateIdentifier, sequenceNumber, type, payloadType,
                       payloadRevision, timeStamp, payload, metaData
                FROM DomainEventEntry ORDER BY globalIndex""")) {
            query.setFetchSize(2000);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    StoredEvent event = new StoredEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getBytes(9),
                            rs.getBytes(10));
                    AuditRecord record = AuditRecordFactory.record(event,
                            w -> Optional.ofNullable(organisations.get(w)));
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
        }
        return history;
    }
}
