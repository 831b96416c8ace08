package io.custody.query.audit;

import io.custody.audit.merkle.MerkleAppend;
import io.custody.audit.merkle.MerkleHashes;
import io.custody.audit.record.AuditRecord;
import io.custody.audit.record.AuditRecordEncoding;
import io.custody.audit.record.AuditRecordFactory;
import io.custody.audit.record.StoredEvent;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Appends the audit record of every domain event to {@code audit_record} and its leaf to the Merkle tree, in the same
 * transaction as the processor's token. The record is computed by {@link AuditRecordFactory} from the event as
 * stored, so the replay tool recomputes it byte for byte. Leaf indexes follow delivery order, drawn by the
 * processor's single thread (one segment, see {@code application.yml}); a redelivered event is recognised by its id.
 *
 * <p>An event type without an audit mapping stops the processor (it retries and reports the error) rather than
 * being skipped: a missing record is exactly what the log exists to rule out (seed Property 13). Nothing here
 * updates or deletes a record, and the database refuses it anyway (Property 14), so this processor cannot be reset.
 */
@Component
@ProcessingGroup(AuditLogProjection.PROCESSOR)
public class AuditLogProjection {

    public static final String PROCESSOR = "audit-log";

    private final JdbcTemplate jdbc;
    private final AuditTreeNodes nodes;
    private final Serializer serializer;

    public AuditLogProjection(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer serializer) {
        this.jdbc = jdbc;
        this.nodes = new AuditTreeNodes(jdbc);
        this.serializer = serializer;
    }

    @EventHandler
    void on(Object payload, DomainEventMessage<?> message) {
        String eventId = message.getIdentifier();
        if (!jdbc.queryForList("SELECT 1 FROM audit_record WHERE event_id = ?", Integer.class, eventId).isEmpty()) {
            return;
        }
        // the JDBC event store's row as stored (v1); with Axon Server there is none, and the record is made over
        // the event's portable form (v2), which the audit tool reads back from Axon Server (ADR audit-010)
        StoredEvent stored = StoredEvents.byId(jdbc, eventId)
                .orElseGet(() -> StoredEvents.portable(message, serializer));
        AuditRecord record = AuditRecordFactory.record(stored, this::organisationOf);
        long index = jdbc.queryForObject("SELECT coalesce(max(leaf_index) + 1, 0) FROM audit_record", Long.class);
        byte[] leafHash = MerkleHashes.leaf(AuditRecordEncoding.encode(record));
        AuditRecords.insert(jdbc, index, stored.globalIndex(), record, occurredAt(record), leafHash);
        nodes.insert(MerkleAppend.nodesFor(index, leafHash, nodes));
    }

    private Optional<String> organisationOf(String walletId) {
        List<String> known = jdbc.queryForList("""
                SELECT organisation_id FROM audit_record
                WHERE wallet_id = ? AND organisation_id IS NOT NULL ORDER BY leaf_index LIMIT 1""",
                String.class, walletId);
        return known.stream().findFirst();
    }

    private static Timestamp occurredAt(AuditRecord record) {
        return Timestamp.from(Instant.parse(record.occurredAt()));
    }

    @ResetHandler
    void reset() {
        throw new IllegalStateException("the audit log is append-only and cannot be rebuilt in place; "
                + "verify it against the event store with the audit tool instead");
    }
}
