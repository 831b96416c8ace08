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
        return writeTo(new LengthPrefixed(DOMAIN), r).toByteArray();
    }

    /** Appends the record's fields to {@code out}, which already holds the {@link #DOMAIN} tag. */
    static LengthPrefixed writeTo(LengthPrefixed out, AuditRecord r) {
        return out
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
                .text(r.eventHash());
    }

    /** Reads back a record from its encoding (for showing what a proof bundle proves); refuses anything else. */
    public static AuditRecord decode(byte[] encoded) {
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(encoded);
        try {
            if (!DOMAIN.equals(next(in))) {
                throw new IllegalArgumentException("not an audit record of version " + DOMAIN);
            }
            String[] f = new String[17];
            for (int i = 0; i < f.length; i++) {
                f[i] = next(in);
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("trailing bytes after the record");
            }
            return new AuditRecord(f[0], f[1], f[2], Long.parseLong(f[3]), f[4], f[5], f[6], f[7], f[8], f[9], f[10],
                    f[11], f[12], f[13], f[14], f[15], f[16]);
        } catch (java.nio.BufferUnderflowException | NullPointerException | NumberFormatException e) {
            throw new IllegalArgumentException("not a well-formed audit record encoding");
        }
    }

    private static String next(java.nio.ByteBuffer in) {
        byte present = in.get();
        if (present == 0) {
            return null;
        }
        if (present != 1) {
            throw new IllegalArgumentException("not a well-formed audit record encoding");
        }
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("not a well-formed audit record encoding");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }
}
