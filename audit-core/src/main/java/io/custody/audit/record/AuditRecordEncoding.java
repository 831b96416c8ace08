package io.custody.audit.record;

/**
 * The canonical encoding of a record, which is the leaf data of the Merkle tree: a domain tag and then every field
 * of {@link AuditRecord} in declaration order, length-prefixed ({@link LengthPrefixed}). Any verifier can rebuild it
 * from a record's fields; changing the order or the tag is a new version of the log.
 */
public final class AuditRecordEncoding {

    public static final String DOMAIN = "custody-audit-record/v1";

    private AuditRecordEncoding() {
    }

    public static byte[] encode(AuditRecord r) {
        return new LengthPrefixed(DOMAIN)
                .text(r.eventId())
                .text(r.aggregateType())
                .text(r.aggregateId())
                .text(Long.toString(r.aggregateSequence()))
                .text(r.eventType())
                .text(r.organisationId())
                .text(r.walletId())
                .text(r.actor())
                .text(r.targetType())
                .text(r.targetId())
                .text(r.details())
                .text(r.ipAddress())
                .text(r.userAgent())
                .text(r.sessionId())
                .text(r.traceId())
                .text(r.occurredAt())
                .text(r.eventHash())
                .toByteArray();
    }
}
