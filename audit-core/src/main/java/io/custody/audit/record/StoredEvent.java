package io.custody.audit.record;

import java.util.Objects;

/**
 * One event of the event store: the fields and bytes an audit record's event hash is computed over, in one of two
 * {@linkplain Form forms}. {@link Form#AS_STORED}: a row of the JDBC event store ({@code DomainEventEntry}) exactly as
 * stored, {@code aggregateType} being the row's {@code type} column, {@code timeStamp} its ISO-8601 text and
 * {@code metaData} the serializer's bytes. {@link Form#PORTABLE}: the same event in a form every event store can give
 * (Axon Server keeps neither the metadata's serialized bytes nor sub-millisecond time), see {@link PortableEvents}.
 */
public record StoredEvent(
        long globalIndex,
        String eventIdentifier,
        String aggregateIdentifier,
        long sequenceNumber,
        String aggregateType,
        String payloadType,
        String payloadRevision,
        String timeStamp,
        byte[] payload,
        byte[] metaData,
        Form form) {

    /** Which definition of the event hash the event is in (ADR audit-010). */
    public enum Form {
        /** The JDBC row's own bytes: {@code custody-stored-event/v1}. */
        AS_STORED,
        /** The storage-independent form: {@code custody-stored-event/v2}. */
        PORTABLE
    }

    /** A row of the JDBC event store as stored ({@link Form#AS_STORED}). */
    public StoredEvent(long globalIndex, String eventIdentifier, String aggregateIdentifier, long sequenceNumber,
                       String aggregateType, String payloadType, String payloadRevision, String timeStamp,
                       byte[] payload, byte[] metaData) {
        this(globalIndex, eventIdentifier, aggregateIdentifier, sequenceNumber, aggregateType, payloadType,
                payloadRevision, timeStamp, payload, metaData, Form.AS_STORED);
    }

    public StoredEvent {
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(eventIdentifier, "eventIdentifier");
        Objects.requireNonNull(aggregateIdentifier, "aggregateIdentifier");
        Objects.requireNonNull(payloadType, "payloadType");
        Objects.requireNonNull(timeStamp, "timeStamp");
        Objects.requireNonNull(payload, "payload");
    }

    /** This event in {@link Form#PORTABLE} form (itself when it already is). */
    public StoredEvent portable() {
        return form == Form.PORTABLE ? this : PortableEvents.of(this);
    }
}
