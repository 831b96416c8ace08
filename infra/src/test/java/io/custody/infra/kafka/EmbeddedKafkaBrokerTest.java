package io.custody.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded broker is a real Kafka: it takes writes, keeps them across a restart, and is gone once stopped. */
class EmbeddedKafkaBrokerTest {

    @TempDir
    Path dataDir;

    @Test
    void records_written_before_a_restart_are_read_after_it_on_the_same_address() throws Exception {
        long started = System.nanoTime();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), 0, 3)) {
            System.out.printf("embedded broker formatted and started in %d ms%n", (System.nanoTime() - started) / 1_000_000);
            String address = broker.bootstrapServers();
            assertThat(address).startsWith("127.0.0.1:");
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, address))) {
                admin.createTopics(List.of(new NewTopic("restart-test", 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
                assertThat(admin.describeTopics(Set.of("restart-test")).allTopicNames().get().get("restart-test")
                        .partitions()).hasSize(3);
            }
            produce(address, "before");

            long stopping = System.nanoTime();
            broker.stop();
            assertThat(broker.isRunning()).isFalse();
            long restarting = System.nanoTime();
            broker.start();
            System.out.printf("embedded broker stopped in %d ms, restarted in %d ms%n",
                    (restarting - stopping) / 1_000_000, (System.nanoTime() - restarting) / 1_000_000);

            assertThat(broker.bootstrapServers()).isEqualTo(address);
            produce(address, "after");
            assertThat(readAll(address, 2)).containsExactly("before", "after");
        }
    }

    @Test
    void a_stopped_broker_refuses_connections() throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), 0, 1);
        String address = broker.bootstrapServers();
        broker.close();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, address,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000))) {
            assertThatThrownBy(() -> admin.listTopics().names().get()).isInstanceOf(ExecutionException.class);
        }
    }

    private static void produce(String address, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, address,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("restart-test", 0, "key", value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> readAll(String address, int expected) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, address,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition("restart-test", 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(new String(record.value().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
                }
            }
            return values;
        }
    }
}
