package io.custody.audit.record;

/**
 * The SHA-256 of a stored event: its identity (event id, aggregate id and sequence, types, revision, time) and its
 * payload and metadata bytes. A payload or metadata changed in the event store, or a payload moved to another event,
 * changes it. The row's global index is left out: it is a position, not content.
 *
 * <p>Two definitions, told apart by their domain tag (ADR audit-010): {@code custody-stored-event/v1} over a JDBC
 * row's own bytes ({@link StoredEvent.Form#AS_STORED}, what every log written so far holds), and
 * {@code custody-stored-event/v2} over the same fields in {@linkplain PortableEvents portable form}, which the JDBC
 * event store and Axon Server both give for the same event.
 */
public final class StoredEventHash {

    static final String DOMAIN = "custody-stored-event/v1";
    static final String PORTABLE_DOMAIN = "custody-stored-event/v2";

    private StoredEventHash() {
    }

    public static byte[] of(StoredEvent event) {
        return Sha256.of(writeTo(new LengthPrefixed(domain(event)), event).toByteArray());
    }

    /** The domain tag of the event's form. */
    static String domain(StoredEvent event) {
        return event.form() == StoredEvent.Form.PORTABLE ? PORTABLE_DOMAIN : DOMAIN;
    }

    /** Appends the event's fields to {@code out}, which already holds the {@link #domain} tag. */
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
