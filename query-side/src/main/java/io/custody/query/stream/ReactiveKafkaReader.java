package io.custody.query.stream;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * The consuming half of the Reactor adapter over kafka-clients (ADR stream-001): a topic read from its beginning up to
 * the end it had when reading started, as a {@link Flux} of records, each partition in offset order. The consumer is
 * polled on a thread of its own (a Kafka consumer is not thread-safe and {@code poll} blocks) and closed when the
 * flux ends or is cancelled. Offsets are not committed: a batch job or a test that reads the whole topic wants none.
 */
public final class ReactiveKafkaReader {

    private ReactiveKafkaReader() {
    }

    public static Flux<ConsumerRecord<String, byte[]>> readToEnd(Supplier<Consumer<String, byte[]>> consumers,
                                                                 String topic) {
        return Flux.<ConsumerRecord<String, byte[]>>create(sink -> {
            try (Consumer<String, byte[]> consumer = consumers.get()) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                        .map(PartitionInfo::partition).map(p -> new TopicPartition(topic, p)).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
                while (!sink.isCancelled() && !reached(consumer, end)) {
                    consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                        if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                            sink.next(record);
                        }
                    });
                }
                sink.complete();
            } catch (RuntimeException e) {
                sink.error(e);
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private static boolean reached(Consumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
