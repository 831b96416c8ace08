package io.custody.query.audit;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Publishes a signed checkpoint of the audit log every {@code custody.audit.checkpoint-interval} when the log has
 * grown since the last one. Several instances may run: a size is checkpointed once.
 */
class AuditCheckpointer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditCheckpointer.class);

    private final AuditLog auditLog;
    private final Duration interval;
    private ScheduledExecutorService timer;

    AuditCheckpointer(AuditLog auditLog, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("custody.audit.checkpoint-interval must be positive");
        }
        this.auditLog = auditLog;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "audit-checkpointer");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            auditLog.checkpointNow().ifPresent(c -> log.debug("audit checkpoint at tree size {}", c.treeSize()));
        } catch (RuntimeException e) {
            // the next tick tries again; a failed checkpoint leaves nothing half-written (one transaction)
            log.warn("could not write an audit checkpoint: {}", e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }

    @Override
    public int getPhase() {
        // stops before the database pool closes
        return Integer.MAX_VALUE - 200;
    }
}
