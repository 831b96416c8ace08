package io.custody.infra.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.custody.infra.support.RunningApplication;
import io.custody.query.stream.ReactiveKafkaReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the analytics stream holds, read from the topic of a running application, and what the event store holds. */
record PublishedStream(List<Message> messages) {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** One record of the topic. */
    record Message(String topic, int partition, long offset, String key, String contentType, JsonNode event) {
        String id() {
            return event.get("id").asString();
        }

        long sequence() {
            return event.get("aggregatesequence").asLong();
        }
    }

    /** One event of the event store. */
    record StoredEvent(String id, String aggregateId, long sequence, String aggregateType) {
    }

    /** Every record of the topics, ordered by topic, partition and offset. */
    static PublishedStream read(RunningApplication app, String... topics) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                app.context().getEnvironment().getRequiredProperty("custody.kafka.bootstrap-servers"));
        List<Message> ordered = new ArrayList<>();
        for (String topic : topics) {
            List<Message> messages = new ArrayList<>(ReactiveKafkaReader.readToEnd(() -> new KafkaConsumer<>(config,
                            new StringDeserializer(), new ByteArrayDeserializer()), topic)
                    .map(record -> message(record)).collectList().block());
            messages.sort(Comparator.comparingInt(Message::partition).thenComparingLong(Message::offset));
            ordered.addAll(messages);
        }
        return new PublishedStream(ordered);
    }

    private static Message message(ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader("content-type");
        return new Message(record.topic(), record.partition(), record.offset(), record.key(),
                type == null ? null : new String(type.value(), StandardCharsets.UTF_8), JSON.readTree(record.value()));
    }

    static List<StoredEvent> stored(RunningApplication app) {
        return app.jdbc().query("SELECT eventIdentifier, aggregateIdentifier, sequenceNumber, type FROM DomainEventEntry "
                        + "ORDER BY globalIndex",
                (rs, i) -> new StoredEvent(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4)));
    }

    /** The messages with duplicates (same CloudEvents id) dropped, keeping the first occurrence in partition order. */
    PublishedStream deduplicated() {
        Set<String> seen = new LinkedHashSet<>();
        return new PublishedStream(messages.stream().filter(m -> seen.add(m.id())).toList());
    }

    /**
     * Checks the guarantee consumers rely on: after dropping duplicates by id, the topic holds exactly the events of
     * the event store, each keyed by its aggregate, every aggregate's events in one partition in sequence order.
     */
    void assertHoldsExactlyOnceInAggregateOrder(List<StoredEvent> store) {
        PublishedStream unique = deduplicated();
        Map<String, StoredEvent> byId = new LinkedHashMap<>();
        store.forEach(e -> byId.put(e.id(), e));
        assertThat(unique.messages()).extracting(Message::id).containsExactlyInAnyOrderElementsOf(byId.keySet());

        Map<String, List<Message>> byAggregate = new LinkedHashMap<>();
        for (Message m : unique.messages()) {
            StoredEvent origin = byId.get(m.id());
            assertThat(m.key()).as("key of " + m.id()).isEqualTo(origin.aggregateId());
            assertThat(m.event().get("subject").asString()).isEqualTo(origin.aggregateId());
            assertThat(m.sequence()).isEqualTo(origin.sequence());
            byAggregate.computeIfAbsent(m.key(), k -> new ArrayList<>()).add(m);
        }
        byAggregate.forEach((aggregate, list) -> {
            assertThat(list).extracting(m -> m.topic() + "-" + m.partition()).as("partitions of " + aggregate)
                    .containsOnly(list.get(0).topic() + "-" + list.get(0).partition());
            assertThat(list).extracting(Message::sequence).as("order of " + aggregate).isSorted();
        });
    }
}
