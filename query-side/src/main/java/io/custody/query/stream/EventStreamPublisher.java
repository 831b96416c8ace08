package io.custody.query.stream;

import io.custody.api.EventCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes every domain event to Kafka as a CloudEvents message, key = aggregate id (ADR stream-001). It is a
 * projection whose "read model" is the topic: its own tracking processor, {@value #PROCESSOR}, keeps its token in
 * {@code TokenEntry}, and it never sends a command.
 *
 * <p>Records of a batch are handed to the producer as they are handled (so they keep the processor's order) and the
 * batch commits, storing the token, only once the broker has acknowledged every one of them. A send that fails fails
 * the batch ({@link StreamConfiguration} propagates errors of this processor instead of logging them): the processor
 * rolls back its token and handles the batch again. Nothing is lost; what was already written is written again with
 * the same CloudEvents id, which consumers use to drop duplicates. A reset of the processor republishes the history
 * the same way.
 */
@Component
@ProcessingGroup(EventStreamPublisher.PROCESSOR)
@ConditionalOnExpression(StreamConfiguration.KAFKA_CONFIGURED)
public class EventStreamPublisher {

    public static final String PROCESSOR = "analytics-stream";
    private static final String PENDING = EventStreamPublisher.class.getName() + ".pending";

    private final ReactiveKafkaSender sender;
    private final StreamTopics topics;
    private final JsonMapper json;
    private final String source;
    private final Duration acknowledgementTimeout;

    public EventStreamPublisher(ReactiveKafkaSender sender, StreamTopics topics, JsonMapper json,
                                StreamSettings settings) {
        this.sender = sender;
        this.topics = topics;
        this.json = json;
        this.source = settings.source();
        this.acknowledgementTimeout = settings.acknowledgementTimeout();
    }

    @EventHandler
    void on(Object payload, DomainEventMessage<?> message) {
        EventCatalog.Entry<?> entry = EventCatalog.of(payload.getClass()).orElseThrow(() -> new IllegalStateException(
                "event type " + payload.getClass().getName() + " is not in the EventCatalog and has no published name"));
        Batch batch = currentBatch();
        Throwable failed = batch.failure;
        if (failed != null) {
            // an earlier record of this batch was refused: the batch will be handled again, so stop sending now
            throw new IllegalStateException("the analytics stream could not publish an earlier event of this batch",
                    failed);
        }
        Mono<RecordMetadata> acknowledged = sender.send(
                CloudEventMessage.of(topics.topicFor(entry.stream()), source, entry, message, json));
        acknowledged.subscribe(metadata -> { }, error -> batch.failure = error);
        batch.pending.add(acknowledged);
    }

    /** What the current batch of the processor has sent, and whether any of it failed. */
    private static final class Batch {
        final List<Mono<RecordMetadata>> pending = new ArrayList<>();
        volatile Throwable failure;
    }

    /**
     * The current batch's state, created with its first event: the batch may commit (store its token) only once every
     * record is acknowledged, and a batch that rolls back, for whatever reason, abandons the producer it used.
     */
    private Batch currentBatch() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(PENDING, key -> {
            Batch batch = new Batch();
            unitOfWork.onPrepareCommit(u -> Mono.when(batch.pending).block(acknowledgementTimeout));
            unitOfWork.onRollback(u -> sender.replace());
            return batch;
        });
    }

    @ResetHandler
    void reset() {
        // the topic is append-only: a replay publishes the history again with the same ids
    }
}
