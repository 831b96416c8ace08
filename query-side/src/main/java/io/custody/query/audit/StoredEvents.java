package io.custody.query.audit;

import io.custody.audit.record.PortableEvents;
import io.custody.audit.record.StoredEvent;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * Reads events from the Axon JDBC event store ({@code DomainEventEntry}) as stored, bytes included. The audit record
 * hashes those bytes, not a re-serialisation of the event, so a changed payload in the store shows. Events kept by
 * Axon Server have no such row; they are recorded in their portable form (ADR audit-010).
 */
public final class StoredEvents {

    static final String COLUMNS = "globalIndex, eventIdentifier, aggregateIdentifier, sequenceNumber, type, "
            + "payloadType, payloadRevision, timeStamp, payload, metaData";

    static final RowMapper<StoredEvent> ROW = (rs, n) -> new StoredEvent(rs.getLong(1), rs.getString(2),
            rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
            rs.getBytes(9), rs.getBytes(10));

    private StoredEvents() {
    }

    /** The row of the JDBC event store, as stored; empty when the events are not in it (Axon Server). */
    public static Optional<StoredEvent> byId(JdbcTemplate jdbc, String eventIdentifier) {
        return jdbc.query("SELECT " + COLUMNS + " FROM DomainEventEntry WHERE eventIdentifier = ?", ROW,
                eventIdentifier).stream().findFirst();
    }

    /**
     * The event in its storage-independent form ({@code custody-stored-event/v2}, ADR audit-010), from the message
     * itself: for events that are not rows of the JDBC event store, i.e. kept by Axon Server. The payload bytes are
     * the serialized form the message was delivered in (a message read from a store keeps it, so these are the
     * store's bytes), the metadata its typed values, the time in milliseconds: what the audit tool reads back from
     * Axon Server for the same event.
     */
    public static StoredEvent portable(DomainEventMessage<?> message, Serializer serializer) {
        SerializedObject<byte[]> payload = message.serializePayload(serializer, byte[].class);
        long position = message instanceof TrackedEventMessage<?> tracked
                ? tracked.trackingToken().position().orElse(-1L) : -1L;
        return PortableEvents.of(position, message.getIdentifier(), message.getAggregateIdentifier(),
                message.getSequenceNumber(), message.getType(), payload.getType().getName(),
                payload.getType().getRevision(), message.getTimestamp().toEpochMilli(), payload.getData(),
                message.getMetaData());
    }
}
