package io.custody.audit.record;

import io.custody.api.EventCatalog;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the audit record of a stored event from its stored bytes alone (never from a deserialised Java object), so
 * the projection and the offline replay tool, which has no application classes configured, compute the same record.
 * Fields of the payload are read from its JSON: value types are written as their value, other records as objects
 * whose {@code value} field is taken.
 */
public final class AuditRecordFactory {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, String> NAME_BY_CLASS = new ConcurrentHashMap<>();

    static {
        for (EventCatalog.Entry<?> entry : EventCatalog.entries()) {
            NAME_BY_CLASS.put(entry.type().getName(), entry.name());
        }
    }

    private AuditRecordFactory() {
    }

    /** The stable event name of a stored payload type, as {@code EventCatalog} names it. */
    public static String eventTypeOf(String payloadType) {
        String name = NAME_BY_CLASS.get(payloadType);
        if (name == null) {
            throw new UnmappedEventException("event type " + payloadType + " is not in EventCatalog");
        }
        return name;
    }

    public static AuditRecord record(StoredEvent event, OrganisationDirectory organisations) {
        String eventType = eventTypeOf(event.payloadType());
        AuditMapping mapping = AuditMappings.of(eventType)
                .orElseThrow(() -> new UnmappedEventException("event type " + eventType + " has no audit mapping"));
        String details = new String(event.payload(), StandardCharsets.UTF_8);
        JsonNode payload = JSON.readTree(details);
        JsonNode metaData = event.metaData() == null || event.metaData().length == 0
                ? JSON.createObjectNode() : JSON.readTree(event.metaData());

        String walletId = field(payload, mapping.walletField());
        String organisation = field(payload, mapping.organisationField());
        if (organisation == null && walletId != null) {
            organisation = organisations.organisationOf(walletId).orElse(null);
        }
        if (organisation == null) {
            organisation = field(metaData, AuditMetadata.ORGANISATION);
        }
        String actor = field(metaData, AuditMetadata.ACTOR);
        if (actor == null) {
            actor = field(payload, mapping.actorField());
        }
        return new AuditRecord(
                event.eventIdentifier(),
                event.aggregateType(),
                event.aggregateIdentifier(),
                event.sequenceNumber(),
                eventType,
                organisation,
                walletId,
                actor,
                mapping.targetType(),
                field(payload, mapping.targetIdField()),
                details,
                field(metaData, AuditMetadata.IP_ADDRESS),
                field(metaData, AuditMetadata.USER_AGENT),
                field(metaData, AuditMetadata.SESSION_ID),
                field(metaData, AuditMetadata.TRACE_ID),
                event.timeStamp(),
                HexFormat.of().formatHex(StoredEventHash.of(event)));
    }

    /** The text of a field: a string or number as is, an object by its {@code value} field, else compact JSON. */
    static String field(JsonNode node, String name) {
        if (name == null || node == null || !node.isObject()) {
            return null;
        }
        JsonNode value = node.get(name);
        return text(value);
    }

    private static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isString() || value.isNumber() || value.isBoolean()) {
            return value.asString();
        }
        if (value.isObject() && value.has("value")) {
            return text(value.get("value"));
        }
        return value.toString();
    }
}
