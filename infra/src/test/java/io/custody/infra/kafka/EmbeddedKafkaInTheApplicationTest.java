package io.custody.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custody.infra.support.RunningApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The all-in-one default runs a real Kafka broker inside the application, in the data directory, and stops it with
 * the application; a configured cluster replaces it.
 */
class EmbeddedKafkaInTheApplicationTest {

    @TempDir
    Path dataDir;

    @Test
    void the_embedded_broker_lives_in_the_data_directory_and_stops_with_the_application() throws Exception {
        String address;
        try (RunningApplication app = RunningApplication.startWithKafka(dataDir)) {
            address = app.context().getEnvironment().getRequiredProperty("custody.kafka.bootstrap-servers");
            assertThat(address).startsWith("127.0.0.1:");
            assertThat(app.context().getBean(EmbeddedKafkaBroker.class).isRunning()).isTrue();
            try (Admin admin = admin(address)) {
                assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
            }
            assertThat(Files.exists(dataDir.resolve("kafka").resolve("meta.properties"))).isTrue();
        }
        try (Admin admin = admin(address)) {
            assertThatThrownBy(() -> admin.listTopics().names().get()).isInstanceOf(ExecutionException.class);
        }
    }

    @Test
    void a_configured_cluster_turns_the_embedded_broker_off() {
        try (EmbeddedKafkaBroker external = EmbeddedKafkaBroker.start(dataDir.resolve("external"), 0, 1);
             RunningApplication app = RunningApplication.startWithKafka(dataDir,
                     "--custody.kafka.bootstrap-servers=" + external.bootstrapServers())) {
            assertThat(app.context().getEnvironment().getRequiredProperty("custody.kafka.bootstrap-servers"))
                    .isEqualTo(external.bootstrapServers());
            assertThat(app.context().getBeansOfType(EmbeddedKafkaBroker.class)).isEmpty();
            assertThat(Files.exists(dataDir.resolve("kafka"))).isFalse();
        }
    }

    private static Admin admin(String address) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, address,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000));
    }
}
