package io.custody.query.stream;

import io.custody.api.EventCatalog;
import io.custody.api.wallet.WalletId;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.Revision;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One domain event as a CloudEvents 1.0 message in the Kafka protocol binding's structured content mode
 * (ADR stream-001): the record's value is the whole event in the JSON event format, its {@code content-type} header
 * says so, and its key is the aggregate id, also carried as the {@code partitionkey} extension as the binding asks.
 *
 * <p>The CloudEvents {@code id} is the event's identifier in the event store, so the same event published twice (after
 * a crash between the broker's acknowledgement and the processor's token, or after a reset) has the same id.
 */
public final class CloudEventMessage {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";
    public static final String TYPE_PREFIX = "io.custody.";
    /** The {@code dataschema} of an event: this prefix, the event's name, {@code /}, its revision. */
    public static final String SCHEMA_PREFIX = "urn:custody:event-schema:";

    private CloudEventMessage() {
    }

    public static ProducerRecord<String, byte[]> of(String topic, String source, EventCatalog.Entry<?> entry,
                                                   DomainEventMessage<?> message, JsonMapper json) {
        Object payload = message.getPayload();
        String revision = revisionOf(payload.getClass());
        ObjectNode event = json.createObjectNode();
        event.put("specversion", SPEC_VERSION);
        event.put("id", message.getIdentifier());
        event.put("source", source);
        event.put("type", TYPE_PREFIX + entry.name());
        event.put("subject", message.getAggregateIdentifier());
        event.put("time", DateTimeFormatter.ISO_INSTANT.format(message.getTimestamp()));
        event.put("datacontenttype", "application/json");
        event.put("dataschema", SCHEMA_PREFIX + entry.name() + "/" + revision);
        event.put("partitionkey", message.getAggregateIdentifier());
        event.put("aggregatetype", entry.stream().aggregateType());
        event.put("aggregatesequence", message.getSequenceNumber());
        WalletId wallet = entry.walletOf(payload);
        if (wallet != null) {
            event.put("walletid", wallet.toString());
        }
        event.set("data", json.valueToTree(payload));
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, message.getAggregateIdentifier(),
                json.writeValueAsBytes(event));
        record.headers().add(new RecordHeader("content-type", CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    static String revisionOf(Class<?> type) {
        Revision revision = type.getAnnotation(Revision.class);
        return revision == null ? "0" : revision.value();
    }
}
