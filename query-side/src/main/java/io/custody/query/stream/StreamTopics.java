package io.custody.query.stream;

import io.custody.api.EventCatalog;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which topic each stream of the event store is published to: {@code custody.stream.topic} for all of them unless
 * {@code custody.stream.topics.<stream>} (wallet, proposal, deposit, merchant) names another.
 */
public final class StreamTopics {

    private final Map<EventCatalog.Stream, String> topics;

    public StreamTopics(String defaultTopic, Map<EventCatalog.Stream, String> overrides) {
        this.topics = new EnumMap<>(EventCatalog.Stream.class);
        for (EventCatalog.Stream stream : EventCatalog.Stream.values()) {
            String topic = overrides.getOrDefault(stream, defaultTopic);
            if (topic == null || topic.isBlank()) {
                throw new IllegalArgumentException("no topic for the " + stream + " stream");
            }
            topics.put(stream, topic);
        }
    }

    public String topicFor(EventCatalog.Stream stream) {
        return topics.get(stream);
    }

    public Set<String> all() {
        return new LinkedHashSet<>(topics.values());
    }
}
