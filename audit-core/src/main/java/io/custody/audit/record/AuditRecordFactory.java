package io.custody.audit.record;

import io.custody.api.EventCatalog;
import io.custody.api.identity.CallerKind;
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
        return record(event, organisations, new AuditHasher());
    }

    /** As {@link #record(StoredEvent, OrganisationDirectory)}, hashing with {@code hasher} (one per thread). */
    public static AuditRecord record(StoredEvent event, OrganisationDirectory organisations, AuditHasher hasher) {
        String eventType = eventTypeOf(event.payloadType());
        AuditMapping mapping = AuditMappings.of(eventType)
                .orElseThrow(() -> new UnmappedEventException("event type " + eventType + " has no audit mapping"));
        String details = new String(event.payload(), StandardCharsets.UTF_8);
        // the payload is read from its text, as the record's details hold it; the metadata from its bytes
        String[] payload = JsonFields.of(JSON, details, mapping.walletField(), mapping.organisationField(),
                mapping.actorField(), mapping.targetIdField());
        String[] metaData = JsonFields.of(JSON, event.metaData(), AuditMetadata.ORGANISATION, AuditMetadata.ACTOR,
                AuditMetadata.IP_ADDRESS, AuditMetadata.USER_AGENT, AuditMetadata.SESSION_ID,
                AuditMetadata.TRACE_ID, AuditMetadata.CALLER_KIND, AuditMetadata.CREDENTIAL);

        String walletId = payload[0];
        String organisation = payload[1];
        if (organisation == null && walletId != null) {
            organisation = organisations.organisationOf(walletId).orElse(null);
        }
        if (organisation == null) {
            organisation = metaData[0];
        }
        String actor = metaData[1];
        if (CallerKind.MERCHANT_API_KEY.name().equals(metaData[6]) && metaData[7] != null) {
            // a merchant's payment system acted: the record names the key (merchant-api-key:<keyId>), which names the
            // merchant through its issue event, so a leaked key's every use can be found (ADR identity-030)
            actor = metaData[7];
        }
        if (actor == null) {
            actor = payload[2];
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
                payload[3],
                details,
                metaData[2],
                metaData[3],
                metaData[4],
                metaData[5],
                event.timeStamp(),
                HexFormat.of().formatHex(hasher.eventHash(event)));
    }

    /** The text of a field: a string or number as is, an object by its {@code value} field, else compact JSON. */
    static String field(JsonNode node, String name) {
        if (name == null || node == null || !node.isObject()) {
            return null;
        }
        JsonNode value = node.get(name);
        return text(value);
    }

    static String text(JsonNode value) {
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
