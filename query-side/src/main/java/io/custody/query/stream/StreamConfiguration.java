package io.custody.query.stream;

import io.custody.api.EventCatalog;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The producer behind the analytics stream, present when a Kafka cluster is known: {@code custody.kafka.bootstrap-servers}
 * is configured, or the embedded broker set it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression(StreamConfiguration.KAFKA_CONFIGURED)
public class StreamConfiguration {

    static final String KAFKA_CONFIGURED = "!'${custody.kafka.bootstrap-servers:}'.isBlank()";

    @Bean
    StreamSettings streamSettings(Environment environment) {
        return new StreamSettings(
                environment.getProperty("custody.stream.source", "/custody"),
                environment.getProperty("custody.stream.partitions", Integer.class, 6),
                environment.getProperty("custody.stream.replication-factor", Short.class, (short) 1),
                environment.getProperty("custody.stream.create-topics", Boolean.class, true),
                environment.getProperty("custody.stream.acknowledgement-timeout", Duration.class, Duration.ofSeconds(30)));
    }

    @Bean
    StreamTopics streamTopics(Environment environment) {
        Map<EventCatalog.Stream, String> overrides = new EnumMap<>(EventCatalog.Stream.class);
        for (EventCatalog.Stream stream : EventCatalog.Stream.values()) {
            String topic = environment.getProperty("custody.stream.topics." + stream.name().toLowerCase(Locale.ROOT));
            if (topic != null && !topic.isBlank()) {
                overrides.put(stream, topic);
            }
        }
        return new StreamTopics(environment.getProperty("custody.stream.topic", "custody.events"), overrides);
    }

    /**
     * Idempotent producer: {@code acks=all} and {@code enable.idempotence}, so the producer's own retries (a lost
     * acknowledgement, a broker restart) never write a record twice or out of order within a partition.
     */
    @Bean(destroyMethod = "close")
    ReactiveKafkaSender streamKafkaSender(Environment environment, StreamSettings settings, StreamTopics topics) {
        String servers = environment.getRequiredProperty("custody.kafka.bootstrap-servers");
        if (settings.createTopics()) {
            createMissingTopics(servers, topics.all(), settings);
        }
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "custody-analytics-stream");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4".equals(environment.getProperty(
                "custody.stream.compression")) ? "lz4" : "none");
        // a record may wait for a broker that is down at most as long as its batch waits for it
        int timeoutMs = (int) settings.acknowledgementTimeout().toMillis();
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs);
        // the producer requires delivery.timeout.ms >= linger.ms + request.timeout.ms
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(30_000, timeoutMs / 2));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        config.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        return new ReactiveKafkaSender(() -> new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer()));
    }

    /** Errors of the publisher fail the batch, so the processor retries it instead of skipping the events. */
    @Bean
    ConfigurerModule analyticsStreamPropagatesErrors() {
        return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                EventStreamPublisher.PROCESSOR, c -> PropagatingErrorHandler.instance());
    }

    private static void createMissingTopics(String servers, Set<String> names, StreamSettings settings) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = names.stream().filter(name -> !existing.contains(name))
                    .map(name -> new NewTopic(name, settings.partitions(), settings.replicationFactor())).toList();
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                // another instance created it in between
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create the analytics stream's topics " + names + " on " + servers, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the analytics stream's topics", e);
        }
    }
}
