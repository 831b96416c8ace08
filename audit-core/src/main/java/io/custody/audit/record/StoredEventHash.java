package io.custody.audit.record;

/**
 * The SHA-256 of a stored event: its identity (event id, aggregate id and sequence, types, revision, time) and its
 * payload and metadata bytes as the event store holds them. A payload or metadata changed in the event store, or a
 * payload moved to another event, changes it. The row's global index is left out: it is a position, not content.
 */
public final class StoredEventHash {

    static final String DOMAIN = "custody-stored-event/v1";

    private StoredEventHash() {
    }

    public static byte[] of(StoredEvent event) {
        return Sha256.of(writeTo(new LengthPrefixed(DOMAIN), event).toByteArray());
    }

    /** Appends the event's fields to {@code out}, which already holds the {@link #DOMAIN} tag. */
    static LengthPrefixed writeTo(LengthPrefixed out, StoredEvent event) {
        return out
                .text(event.eventIdentifier())
                .text(event.aggregateIdentifier())
                .text(Long.toString(event.sequenceNumber()))
                .text(event.aggregateType())
                .text(event.payloadType())
                .text(event.payloadRevision())
                .text(event.timeStamp())
                .bytes(event.payload())
                .bytes(event.metaData());
    }
}
