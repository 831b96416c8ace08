package io.custody.infra.axon;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Task;
import io.custody.infra.json.AggregateSnapshotModule;
import io.custody.infra.json.CustodyJsonModule;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.serialization.jackson3.Jackson3SerializerCustomizer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

/**
 * Axon wiring beyond its Spring Boot defaults: the JSON shape of messages, the clock aggregates decide with, and the
 * db-scheduler instance behind Axon's persistent deadline manager (Axon's auto-configuration supplies the deadline
 * manager and its task as soon as a {@link Scheduler} bean exists).
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    /**
     * Every unit of work (a command with all the events it appends and the deadlines it schedules; a batch of a
     * tracking processor with its projection writes and its token) runs in one JDBC transaction. Axon 4.13's own
     * auto-configuration offers this only when it finds a {@link PlatformTransactionManager}, and orders itself
     * after Boot 3's class names, which Boot 4 moved: the condition was evaluated too early, Axon fell back to its
     * {@code NoTransactionManager}, and every statement committed on its own (ADR 015).
     */
    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    /**
     * A projection that fails on an event fails its whole batch: the transaction rolls back with the token, and the
     * processor retries with back-off instead of logging the error and going on to the next event, which is Axon's
     * default and would leave a read model, an audit record (Property 13) or a published event missing for good.
     */
    @Bean
    ConfigurerModule projectionsRetryFailedEvents() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    JacksonModule custodyJsonModule() {
        return new CustodyJsonModule();
    }

    /**
     * Also admits Axon's own polymorphic fields typed {@code Object}: the {@code ReplayToken} that resetting a tracking
     * processor stores carries its reset context so, and Jackson's default validator refuses {@code Object} as a base
     * type, which made a reset processor unable to read its own token back (ADR 012). Only Axon's and our own
     * classes are admitted as subtypes.
     */
    @Bean
    Jackson3SerializerCustomizer custodyMessageJson() {
        return builder -> builder.addModule(new CustodyJsonModule()).addModule(new AggregateSnapshotModule())
                .polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder()
                        .allowIfSubType("org.axonframework.")
                        .allowIfSubType("io.custody.")
                        .build());
    }

    /**
     * The scheduler sees the database through a transaction-aware proxy, so a deadline scheduled while a command is
     * handled (Axon schedules in the unit of work's prepare-commit phase) is inserted on the command's own connection
     * and commits or rolls back with its events. Before, each proposal took a second pooled connection and a second
     * commit for its expiry deadline, and a deadline could outlive events that failed to commit. Outside a
     * transaction (polling, executing) the proxy hands out ordinary auto-commit connections.
     */
    @Bean(destroyMethod = "")
    Scheduler deadlineScheduler(DataSource dataSource, List<Task<?>> tasks) {
        return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), tasks)
                .threads(4)
                .pollingInterval(Duration.ofSeconds(1))
                .build();
    }

    /** Starts polling for due deadlines once the application is up, and stops before the database goes away. */
    @Bean
    SmartLifecycle deadlineSchedulerLifecycle(Scheduler scheduler) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                scheduler.start();
                running = true;
            }

            @Override
            public void stop() {
                scheduler.stop();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                // after Axon's own components (which start in lower phases), so deadlines find their handlers
                return Integer.MAX_VALUE - 100;
            }
        };
    }
}
