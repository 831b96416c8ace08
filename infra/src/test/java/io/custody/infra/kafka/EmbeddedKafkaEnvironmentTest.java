package io.custody.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * When the application starts the embedded broker: by default, into the configured data directory; never when a
 * cluster is configured or the broker is switched off.
 */
class EmbeddedKafkaEnvironmentTest {

    @TempDir
    Path dataDir;

    @Test
    void by_default_a_broker_is_started_in_the_data_directory_and_its_address_configured() {
        StandardEnvironment environment = environment(Map.of("custody.kafka.embedded.data-dir", dataDir.resolve("kafka").toString()));
        process(environment);

        var source = environment.getPropertySources().get(EmbeddedKafkaEnvironment.PROPERTY_SOURCE);
        assertThat(source).isInstanceOf(EmbeddedKafkaPropertySource.class);
        EmbeddedKafkaBroker broker = ((EmbeddedKafkaPropertySource) source).broker();
        try {
            assertThat(broker.isRunning()).isTrue();
            assertThat(environment.getProperty("custody.kafka.bootstrap-servers")).isEqualTo(broker.bootstrapServers());
            assertThat(Files.exists(dataDir.resolve("kafka").resolve("meta.properties"))).isTrue();
        } finally {
            broker.stop();
        }
    }

    @Test
    void a_configured_cluster_turns_the_embedded_broker_off() {
        StandardEnvironment environment = environment(Map.of("custody.kafka.bootstrap-servers", "kafka-1:9092",
                "custody.kafka.embedded.data-dir", dataDir.resolve("kafka").toString()));
        process(environment);

        assertThat(environment.getPropertySources().get(EmbeddedKafkaEnvironment.PROPERTY_SOURCE)).isNull();
        assertThat(environment.getProperty("custody.kafka.bootstrap-servers")).isEqualTo("kafka-1:9092");
        assertThat(Files.exists(dataDir.resolve("kafka"))).isFalse();
    }

    @Test
    void the_switch_turns_it_off_and_leaves_no_kafka_address() {
        StandardEnvironment environment = environment(Map.of("custody.kafka.embedded.enabled", "false",
                "custody.kafka.embedded.data-dir", dataDir.resolve("kafka").toString()));
        process(environment);

        assertThat(environment.getPropertySources().get(EmbeddedKafkaEnvironment.PROPERTY_SOURCE)).isNull();
        assertThat(environment.getProperty("custody.kafka.bootstrap-servers")).isNull();
        assertThat(Files.exists(dataDir.resolve("kafka"))).isFalse();
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        // the surefire configuration switches the broker off for the test JVM; these cases decide for themselves
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }

    private static void process(StandardEnvironment environment) {
        new EmbeddedKafkaEnvironment(supplier -> supplier.get()).postProcessEnvironment(environment,
                new SpringApplication());
    }
}
