package io.custody.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custody.infra.support.RunningApplication;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Units of work run in JDBC transactions, a processor's failed batch is retried rather than skipped, and a deadline scheduled while a command is handled belongs to that command's transaction: Axon inserts it in the unit of
 * work's prepare-commit phase, and the scheduler writes through the command's own connection, so a command that fails
 * after that point leaves no deadline behind (and a proposal costs one connection and one commit, not two).
 */
class UnitsOfWorkTest {

    @TempDir
    static Path dataDir;
    static RunningApplication app;

    @BeforeAll
    static void start() {
        app = RunningApplication.start(dataDir);
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
    }

    @Test
    void axon_runs_its_units_of_work_in_spring_jdbc_transactions() {
        // Axon's own fallback when it finds no Spring transaction manager is one that does nothing (ADR 015)
        assertThat(bean(TransactionManager.class)).isInstanceOf(SpringTransactionManager.class);
    }

    @Test
    void every_processor_retries_an_event_its_handler_failed_on_instead_of_skipping_it() {
        var processing = bean(org.axonframework.config.EventProcessingConfiguration.class);
        assertThat(processing.eventProcessors().keySet()).contains("wallet-view", "audit-log");
        for (String processor : processing.eventProcessors().keySet()) {
            assertThat(processing.listenerInvocationErrorHandler(processor))
                    .as(processor).isInstanceOf(org.axonframework.eventhandling.PropagatingErrorHandler.class);
        }
    }

    @Test
    void a_deadline_scheduled_in_a_unit_of_work_that_fails_to_commit_is_rolled_back_with_it() {
        AtomicReference<String> scheduled = new AtomicReference<>();
        DefaultUnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(null);
        uow.attachTransaction(bean(TransactionManager.class));
        scheduleIn(uow, scheduled);
        // runs after the deadline's insert in the same prepare-commit phase, as a failing event append would
        uow.onPrepareCommit(u -> {
            throw new IllegalStateException("the command's events failed to commit");
        });

        assertThatThrownBy(uow::commit).hasMessageContaining("failed to commit");

        assertThat(scheduled.get()).isNotNull();
        assertThat(rowsFor(scheduled.get())).isZero();
    }

    @Test
    void a_deadline_scheduled_in_a_unit_of_work_that_commits_is_stored() {
        AtomicReference<String> scheduled = new AtomicReference<>();
        DefaultUnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(null);
        uow.attachTransaction(bean(TransactionManager.class));
        scheduleIn(uow, scheduled);
        uow.commit();

        assertThat(rowsFor(scheduled.get())).isEqualTo(1);
        bean(DeadlineManager.class).cancelSchedule("test-deadline", scheduled.get());
    }

    private static void scheduleIn(DefaultUnitOfWork<?> uow, AtomicReference<String> scheduled) {
        // the unit of work is the current one: the manager defers the insert to its prepare-commit phase
        assertThat(uow.isActive()).isTrue();
        scheduled.set(bean(DeadlineManager.class).schedule(
                Instant.now().plus(1, ChronoUnit.DAYS), "test-deadline", null,
                new AggregateScopeDescriptor("WithdrawalProposal", UUID.randomUUID().toString())));
        assertThat(rowsFor(scheduled.get())).as("not inserted before the commit").isZero();
    }

    private static int rowsFor(String deadlineId) {
        Integer rows = bean(JdbcTemplate.class).queryForObject(
                "SELECT count(*) FROM scheduled_tasks WHERE task_instance = ?", Integer.class, deadlineId);
        return rows == null ? 0 : rows;
    }

    private static <T> T bean(Class<T> type) {
        return app.context().getBean(type);
    }
}
