package io.custody.infra.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;

/** The running application's tracking processors, as an operator would drive them: wait for, reset, replay. */
public final class Processors {

    private final RunningApplication app;

    public Processors(RunningApplication app) {
        this.app = app;
    }

    public TrackingEventProcessor processor(String name) {
        return app.context().getBean(EventProcessingConfiguration.class)
                .eventProcessor(name, TrackingEventProcessor.class)
                .orElseThrow(() -> new AssertionError("no tracking processor named " + name));
    }

    /** Resets one processor's token to the start of the event store; its {@code @ResetHandler}s run, then it replays. */
    public void reset(String name) {
        TrackingEventProcessor processor = processor(name);
        processor.shutDown();
        processor.resetTokens();
        processor.start();
    }

    /** The token each processor has stored, as {@code TokenEntry} holds it. */
    public Map<String, String> storedTokens() {
        return app.jdbc().query("SELECT processorName, segment, encode(token, 'escape') AS token FROM TokenEntry",
                rs -> {
                    Map<String, String> tokens = new java.util.TreeMap<>();
                    while (rs.next()) {
                        tokens.put(rs.getString(1) + "/" + rs.getInt(2), rs.getString(3));
                    }
                    return tokens;
                });
    }

    /**
     * Waits until every named processor has handled every event stored so far: caught up, without error, and its
     * position at or past the highest global index in the event store. (Not "not replaying": after a reset Axon keeps
     * the replay flag until the token covers the token at reset, which a permanent gap can delay long after the
     * replay has handled every event.)
     */
    public void awaitCaughtUp(Collection<String> names, Duration atMost) {
        long head = app.jdbc().queryForObject("SELECT coalesce(max(globalIndex), -1) FROM DomainEventEntry", Long.class);
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> names.stream().allMatch(name -> {
                Map<Integer, EventTrackerStatus> status = processor(name).processingStatus();
                return !status.isEmpty() && status.values().stream().allMatch(s -> !s.isErrorState()
                        && s.isCaughtUp() && s.getCurrentPosition().orElse(-1) >= head);
            }));
        } catch (ConditionTimeoutException e) {
            StringBuilder states = new StringBuilder("processors not caught up with global index " + head + ":");
            names.forEach(name -> states.append("\n  ").append(name).append(' ')
                    .append(processor(name).processingStatus()));
            throw new AssertionError(states.toString(), e);
        }
    }

    public void awaitCaughtUp(List<String> names) {
        awaitCaughtUp(names, Duration.ofMinutes(2));
    }
}
