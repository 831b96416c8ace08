package io.custody.query.stream;

import java.time.Duration;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The small Reactor adapter over kafka-clients' producer (ADR stream-001): {@link #send} hands the record to the
 * producer at once, so records keep the order of the calls, and returns a {@link Mono} that completes when the broker
 * has acknowledged the record (with {@code acks=all}, when every in-sync replica has it) or fails with the producer's
 * error. Nothing is sent again by this class; retries are the producer's (idempotent, so they never duplicate).
 *
 * <p>{@link #replace()} closes the producer without waiting and makes the next send open a new one. The publisher
 * does so whenever a batch fails: the records it sends again then come from a new producer id with fresh sequence
 * numbers, and cannot be taken by the broker for retries of records the failed attempt may or may not have written.
 */
public final class ReactiveKafkaSender implements AutoCloseable {

    private final Supplier<Producer<String, byte[]>> producers;
    private Producer<String, byte[]> producer;

    public ReactiveKafkaSender(Supplier<Producer<String, byte[]>> producers) {
        this.producers = producers;
    }

    public Mono<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
        Sinks.One<RecordMetadata> acknowledged = Sinks.one();
        try {
            producer().send(record, (metadata, error) -> {
                if (error != null) {
                    acknowledged.tryEmitError(error);
                } else {
                    acknowledged.tryEmitValue(metadata);
                }
            });
        } catch (RuntimeException e) {
            // send itself throws for a record it cannot take (no metadata in time, too large, a closed producer)
            return Mono.error(e);
        }
        return acknowledged.asMono();
    }

    private synchronized Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = producers.get();
        }
        return producer;
    }

    /** Abandons the current producer (its unsent records fail) and opens a new one for the next send. */
    public synchronized void replace() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(30));
            producer = null;
        }
    }
}
