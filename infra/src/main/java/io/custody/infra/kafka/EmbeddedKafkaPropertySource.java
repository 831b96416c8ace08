package io.custody.infra.kafka;

import java.util.Map;
import org.springframework.core.env.MapPropertySource;

/** The embedded broker's address, carrying the broker itself so that it can be stopped (and, in tests, restarted). */
final class EmbeddedKafkaPropertySource extends MapPropertySource {

    private final EmbeddedKafkaBroker broker;

    EmbeddedKafkaPropertySource(Map<String, Object> properties, EmbeddedKafkaBroker broker) {
        super(EmbeddedKafkaEnvironment.PROPERTY_SOURCE, properties);
        this.broker = broker;
    }

    EmbeddedKafkaBroker broker() {
        return broker;
    }
}
