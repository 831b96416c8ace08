package io.custody.audit.record;

import java.util.Objects;

/**
 * One row of the event store ({@code DomainEventEntry}) exactly as stored: the bytes an audit record's event hash is
 * computed over. {@code aggregateType} is the row's {@code type} column, {@code timeStamp} its ISO-8601 text.
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
        byte[] metaData) {

    public StoredEvent {
        Objects.requireNonNull(eventIdentifier, "eventIdentifier");
        Objects.requireNonNull(aggregateIdentifier, "aggregateIdentifier");
        Objects.requireNonNull(payloadType, "payloadType");
        Objects.requireNonNull(timeStamp, "timeStamp");
        Objects.requireNonNull(payload, "payload");
    }
}
