package io.custody.infra.kafka;

import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The embedded default for the event stream: when no Kafka cluster is configured ({@code custody.kafka.bootstrap-servers}
 * empty) and {@code custody.kafka.embedded.enabled} is true, start a real Kafka broker on loopback with its logs in
 * {@code custody.kafka.embedded.data-dir}, and point {@code custody.kafka.bootstrap-servers} at it. With neither, no
 * event is published.
 *
 * <p>It runs as an environment post-processor, like the embedded PostgreSQL, so the address is known before any bean
 * that needs it is created. {@link EmbeddedKafkaLifecycle} stops it after the beans that talk to it.
 */
public class EmbeddedKafkaEnvironment implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY_SOURCE = "custodyEmbeddedKafka";

    private final Log log;

    public EmbeddedKafkaEnvironment(DeferredLogFactory logs) {
        this.log = logs.getLog(EmbeddedKafkaEnvironment.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String configured = environment.getProperty("custody.kafka.bootstrap-servers");
        if ((configured != null && !configured.isBlank())
                || !environment.getProperty("custody.kafka.embedded.enabled", Boolean.class, true)) {
            return;
        }
        Path dataDir = Path.of(environment.getProperty("custody.kafka.embedded.data-dir", "./data/kafka"))
                .toAbsolutePath().normalize();
        int port = environment.getProperty("custody.kafka.embedded.port", Integer.class, 0);
        int partitions = environment.getProperty("custody.stream.partitions", Integer.class, 6);
        long started = System.nanoTime();
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, port, partitions);
        log.info("embedded Kafka broker on " + broker.bootstrapServers() + " with logs in " + dataDir + ", started in "
                + (System.nanoTime() - started) / 1_000_000 + " ms");
        application.addListeners(new StopOnFailedStart(broker));
        environment.getPropertySources().addFirst(new EmbeddedKafkaPropertySource(
                Map.of("custody.kafka.bootstrap-servers", broker.bootstrapServers()), broker));
    }

    /** A start that fails before the context exists never reaches the stopper bean, so stop the broker here. */
    private record StopOnFailedStart(EmbeddedKafkaBroker broker) implements ApplicationListener<ApplicationFailedEvent> {
        @Override
        public void onApplicationEvent(ApplicationFailedEvent event) {
            try {
                broker.stop();
            } catch (RuntimeException e) {
                event.getException().addSuppressed(e);
            }
        }
    }

    @Override
    public int getOrder() {
        // with the embedded PostgreSQL: after application.yml and the environment have been read, before beans
        return Ordered.LOWEST_PRECEDENCE - 10;
    }
}
