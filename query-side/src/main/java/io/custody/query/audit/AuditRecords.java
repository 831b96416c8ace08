package io.custody.query.audit;

import io.custody.audit.record.AuditRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/** The rows of {@code audit_record}: written once by the projection, read by the API. Never updated or deleted. */
final class AuditRecords {

    static final String COLUMNS = "leaf_index, event_id, aggregate_type, aggregate_id, aggregate_sequence, event_type, "
            + "organisation_id, wallet_id, actor, target_type, target_id, details, ip_address, user_agent, session_id, "
            + "trace_id, occurred_at, event_hash";

    /** A stored record with its leaf index. */
    record Row(long leafIndex, AuditRecord record) {
    }

    static final RowMapper<Row> ROW = (rs, n) -> new Row(rs.getLong(1), record(rs));

    private AuditRecords() {
    }

    static AuditRecord record(ResultSet rs) throws SQLException {
        return new AuditRecord(rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16),
                rs.getString(17), rs.getString(18));
    }

    static void insert(JdbcTemplate jdbc, long index, long globalIndex, AuditRecord r, Timestamp occurredAt,
                       byte[] leafHash) {
        jdbc.update("""
                        INSERT INTO audit_record (leaf_index, event_id, global_index, aggregate_type, aggregate_id,
                            aggregate_sequence, event_type, organisation_id, wallet_id, actor, target_type, target_id,
                            details, ip_address, user_agent, session_id, trace_id, occurred_at, occurred_at_ts,
                            event_hash, leaf_hash)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                index, r.eventId(), globalIndex, r.aggregateType(), r.aggregateId(), r.aggregateSequence(),
                r.eventType(), r.organisationId(), r.walletId(), r.actor(), r.targetType(), r.targetId(),
                r.details(), r.ipAddress(), r.userAgent(), r.sessionId(), r.traceId(), r.occurredAt(), occurredAt,
                r.eventHash(), leafHash);
    }
}
