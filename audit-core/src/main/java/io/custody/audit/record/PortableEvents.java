package io.custody.audit.record;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The storage-independent ({@link StoredEvent.Form#PORTABLE}) form of an event, hashed as
 * {@code custody-stored-event/v2} (ADR audit-010). The JDBC event store keeps the metadata as the serializer's bytes
 * and the time as text at the clock's precision; Axon Server keeps the metadata as a map of typed values and the time
 * in milliseconds. The portable form keeps what both hold for the same event:
 * <ul>
 *   <li>identity, types, revision and payload bytes unchanged (both stores keep the serializer's payload bytes);</li>
 *   <li>the time truncated to the millisecond, written {@code yyyy-MM-ddTHH:mm:ss.SSSZ} (always three digits);</li>
 *   <li>the metadata as canonical JSON: an object whose names are sorted (by UTF-16 code units) at every level,
 *       no white space, strings, integers, booleans and doubles as JSON values. An absent metadata is {@code {}}.</li>
 * </ul>
 */
public final class PortableEvents {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private PortableEvents() {
    }

    /** The portable form of a JDBC row: its time parsed and truncated, its metadata bytes parsed as JSON. */
    static StoredEvent of(StoredEvent stored) {
        JsonNode metaData = stored.metaData() == null ? NODES.objectNode()
                : JSON.readTree(new String(stored.metaData(), StandardCharsets.UTF_8));
        return new StoredEvent(stored.globalIndex(), stored.eventIdentifier(), stored.aggregateIdentifier(),
                stored.sequenceNumber(), stored.aggregateType(), stored.payloadType(), stored.payloadRevision(),
                time(Instant.parse(stored.timeStamp())), stored.payload(), canonical(metaData),
                StoredEvent.Form.PORTABLE);
    }

    /**
     * An event from a store that keeps metadata as typed values (Axon Server). {@code metaData} values are
     * {@link String}, {@link Long} (or another integral {@link Number}), {@link Boolean}, {@link Double}, or a map of
     * such values; {@code null} stands for an empty map.
     */
    public static StoredEvent of(long globalIndex, String eventIdentifier, String aggregateIdentifier,
                                 long sequenceNumber, String aggregateType, String payloadType,
                                 String payloadRevision, long epochMillis, byte[] payload,
                                 Map<String, ?> metaData) {
        return new StoredEvent(globalIndex, eventIdentifier, aggregateIdentifier, sequenceNumber, aggregateType,
                payloadType, payloadRevision, time(Instant.ofEpochMilli(epochMillis)), payload,
                canonical(metaData == null ? NODES.objectNode() : node(metaData)), StoredEvent.Form.PORTABLE);
    }

    /** {@code at} truncated to the millisecond, with exactly three fraction digits. */
    public static String time(Instant at) {
        return MILLIS.format(at.truncatedTo(ChronoUnit.MILLIS));
    }

    /** Canonical JSON bytes of {@code value}: object names sorted at every level, no white space. */
    static byte[] canonical(JsonNode value) {
        return JSON.writeValueAsBytes(sorted(value));
    }

    private static JsonNode sorted(JsonNode value) {
        if (value.isObject()) {
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            value.properties().forEach(e -> fields.put(e.getKey(), sorted(e.getValue())));
            ObjectNode object = NODES.objectNode();
            fields.forEach(object::set);
            return object;
        }
        if (value.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            value.forEach(item -> items.add(sorted(item)));
            return NODES.arrayNode().addAll(items);
        }
        return value;
    }

    private static JsonNode node(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof String s) {
            return NODES.stringNode(s);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Double || value instanceof Float) {
            return NODES.numberNode(((Number) value).doubleValue());
        }
        if (value instanceof Number n) {
            return NODES.numberNode(n.longValue());
        }
        if (value instanceof byte[] bytes) {
            return NODES.stringNode(Base64.getEncoder().encodeToString(bytes));
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((k, v) -> object.set(String.valueOf(k), node(v)));
            return object;
        }
        throw new IllegalArgumentException("metadata value of type " + value.getClass().getName()
                + " has no portable form");
    }
}
