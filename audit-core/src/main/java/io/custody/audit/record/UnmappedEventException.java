package io.custody.audit.record;

/** An event type the audit log cannot record: not in the catalogue, or without an {@link AuditMapping}. */
public class UnmappedEventException extends RuntimeException {

    public UnmappedEventException(String message) {
        super(message);
    }
}
