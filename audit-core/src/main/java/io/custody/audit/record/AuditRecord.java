package io.custody.audit.record;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The audit record of one domain event, with the fields of the seed's {@code CUSTODY_AUDIT_LOGS} (event type, actor,
 * target type and id, details, IP address, user agent, session id, trace id, time) plus what makes it verifiable:
 * the event it comes from, the organisation and wallet it belongs to, and the hex SHA-256 of the stored event.
 * Fields the event does not carry are {@code null} (an actor, IP or session only exist for commands a caller sent).
 *
 * @param details     the event's payload as stored (JSON text)
 * @param occurredAt  the event store's timestamp text of the event
 * @param eventHash   {@link StoredEventHash} of the stored event, lower-case hex
 */
public record AuditRecord(
        String eventId,
        String aggregateType,
        String aggregateId,
        long aggregateSequence,
        String eventType,
        String organisationId,
        String walletId,
        String actor,
        String targetType,
        String targetId,
        String details,
        String ipAddress,
        String userAgent,
        String sessionId,
        String traceId,
        String occurredAt,
        String eventHash) {

    public AuditRecord {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(targetType, "targetType");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(eventHash, "eventHash");
    }

    /** The fields by name in encoding order; used to say which field of a record differs from its recomputation. */
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("eventId", eventId);
        fields.put("aggregateType", aggregateType);
        fields.put("aggregateId", aggregateId);
        fields.put("aggregateSequence", aggregateSequence);
        fields.put("eventType", eventType);
        fields.put("organisationId", organisationId);
        fields.put("walletId", walletId);
        fields.put("actor", actor);
        fields.put("targetType", targetType);
        fields.put("targetId", targetId);
        fields.put("details", details);
        fields.put("ipAddress", ipAddress);
        fields.put("userAgent", userAgent);
        fields.put("sessionId", sessionId);
        fields.put("traceId", traceId);
        fields.put("occurredAt", occurredAt);
        fields.put("eventHash", eventHash);
        return fields;
    }
}
