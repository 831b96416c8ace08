package io.custody.command.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import io.custody.api.deposit.DepositConfirmed;
import io.custody.api.error.CommandRejectedException;
import io.custody.api.error.Reason;
import io.custody.api.error.Rejection;
import io.custody.command.deposit.Deposit;
import io.custody.command.deposit.DepositCommandHandler;
import io.custody.command.governance.GovernanceSettings;
import io.custody.command.governance.PolicyChangeCommandHandler;
import io.custody.command.governance.PolicyChangeProposal;
import io.custody.command.withdrawal.ProposalCommandHandler;
import io.custody.command.withdrawal.WithdrawalProposal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.test.deadline.StubDeadlineManager;

/**
 * A given-when-then fixture for behaviour that spans aggregates: the wallet, its proposals and deposits, with the
 * real command handlers on an in-memory Axon configuration, a clock fixed at {@link WalletFixtures#NOW} and a stub
 * deadline manager whose time the test advances. Given events are appended to the stream their type belongs to
 * (ADR 013); {@code expectEvents} compares everything the command published, across streams, in order.
 */
final class Workflow {

    private final InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
    private final StubDeadlineManager deadlines = new StubDeadlineManager(WalletFixtures.NOW);
    private final Clock clock = Clock.fixed(WalletFixtures.NOW, ZoneOffset.UTC);
    private final Configuration config;
    private final List<EventMessage<?>> published = new CopyOnWriteArrayList<>();
    private final Map<String, Long> sequences = new HashMap<>();
    private Object result;
    private RuntimeException failure;

    Workflow() {
        this((io.custody.command.withdrawal.signature.RelyingParty) null);
    }

    /** With members' passkeys as signers, verified for {@code relyingParty} (ADR identity-003). */
    Workflow(io.custody.command.withdrawal.signature.RelyingParty relyingParty) {
        this(relyingParty, GovernanceSettings.DEFAULT);
    }

    /** With the setup window and time lock of {@code governance} (ADR identity-020). */
    Workflow(GovernanceSettings governance) {
        this(null, governance);
    }

    Workflow(io.custody.command.withdrawal.signature.RelyingParty relyingParty, GovernanceSettings governance) {
        Configuration[] self = new Configuration[1];
        WalletAccounts accounts = new WalletAccounts(() -> self[0].repository(CustodyWallet.class));
        var passkeys = relyingParty == null ? null
                : new io.custody.command.withdrawal.signature.PasskeyApprovals(relyingParty);
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> storage)
                .configureAggregate(CustodyWallet.class)
                .configureAggregate(WithdrawalProposal.class)
                .configureAggregate(io.custody.command.identity.MemberPasskeys.class)
                .configureAggregate(Deposit.class)
                .configureAggregate(PolicyChangeProposal.class)
                .registerComponent(DeadlineManager.class, c -> deadlines)
                .registerComponent(ParameterResolverFactory.class, c -> MultiParameterResolverFactory.ordered(
                        ClasspathParameterResolverFactory.forClass(Workflow.class),
                        new SimpleResourceParameterResolverFactory(List.of(clock, DelayUnit.HOURS, accounts, deadlines,
                                governance))))
                .registerCommandHandler(c -> new ProposalCommandHandler(() -> c.repository(WithdrawalProposal.class),
                        accounts, clock, deadlines, DelayUnit.HOURS,
                        () -> c.repository(io.custody.command.identity.MemberPasskeys.class), passkeys))
                .registerCommandHandler(c -> new PolicyChangeCommandHandler(
                        () -> c.repository(PolicyChangeProposal.class), accounts, clock, deadlines, governance,
                        () -> c.repository(io.custody.command.identity.MemberPasskeys.class), passkeys))
                .registerCommandHandler(c -> new DepositCommandHandler(() -> c.repository(Deposit.class), accounts,
                        clock));
        config = configurer.buildConfiguration();
        self[0] = config;
        config.start();
        config.eventBus().subscribe(published::addAll);
    }

    /** Appends events (or lists of events) to their streams, as history. */
    Workflow given(Object... events) {
        List<GenericDomainEventMessage<?>> messages = new ArrayList<>();
        for (Object event : flatten(events)) {
            Streams.Stream stream = Streams.of(event);
            long sequence = sequences.merge(stream.id(), 0L, (a, b) -> a + 1);
            messages.add(new GenericDomainEventMessage<>(stream.type(), stream.id(), sequence, event));
        }
        storage.appendEvents(messages);
        return this;
    }

    Workflow andGivenCommands(Object... commands) {
        for (Object command : commands) {
            gateway().sendAndWait(command);
        }
        trackSequences();
        published.clear();
        return this;
    }

    Workflow when(Object command) {
        published.clear();
        result = null;
        failure = null;
        try {
            result = gateway().sendAndWait(command);
        } catch (RuntimeException e) {
            failure = e;
        }
        trackSequences();
        return this;
    }

    Workflow whenTimeAdvancesTo(Instant instant) {
        published.clear();
        result = null;
        failure = null; // a new step: an earlier command's refusal is not this one's
        ConfigurationScopeAwareProvider scopes = new ConfigurationScopeAwareProvider(config);
        deadlines.advanceTimeTo(instant, (scope, message) -> DefaultUnitOfWork.startAndGet(message).execute(() ->
                scopes.provideScopeAwareStream(scope).filter(s -> s.canResolve(scope)).forEach(s -> {
                    try {
                        s.send(message, scope);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })));
        trackSequences();
        return this;
    }

    Workflow expectEvents(Object... events) {
        expectSuccess();
        List<Object> payloads = published.stream().<Object>map(EventMessage::getPayload).toList();
        assertThat(payloads).containsExactlyElementsOf(flatten(events));
        return this;
    }

    /** The payloads of one type the last command published. */
    <T> List<T> published(Class<T> type) {
        return published.stream().map(EventMessage::getPayload).filter(type::isInstance).map(type::cast).toList();
    }

    Workflow expectNoEvents() {
        assertThat(published).isEmpty();
        return this;
    }

    Workflow expectSuccess() {
        assertThat(failure).as("the command's failure").isNull();
        return this;
    }

    Workflow expectResult(Object expected) {
        expectSuccess();
        assertThat(result).isEqualTo(expected);
        return this;
    }

    Workflow expectRejection(Reason reason) {
        assertThat(rejection().reason()).isEqualTo(reason);
        return expectNoEvents();
    }

    Workflow expectRejection(Rejection expected) {
        assertThat(rejection()).isEqualTo(expected);
        return expectNoEvents();
    }

    Workflow expectScheduledDeadline(Instant at, String name) {
        assertThat(deadlines.getScheduledDeadlines())
                .anyMatch(d -> d.getScheduleTime().equals(at) && d.getDeadlineName().equals(name));
        return this;
    }

    Workflow expectNoScheduledDeadline(String name) {
        assertThat(deadlines.getScheduledDeadlines()).noneMatch(d -> d.getDeadlineName().equals(name));
        return this;
    }

    private Rejection rejection() {
        assertThat(failure).as("the command's failure").isInstanceOf(CommandRejectedException.class);
        return ((CommandRejectedException) failure).rejection();
    }

    private CommandGateway gateway() {
        return config.commandGateway();
    }

    /** Later givens continue the streams the commands wrote to. */
    private void trackSequences() {
        for (EventMessage<?> message : published) {
            if (message instanceof org.axonframework.eventhandling.DomainEventMessage<?> domain) {
                sequences.merge(domain.getAggregateIdentifier(), domain.getSequenceNumber(), Math::max);
            }
        }
    }

    private static List<Object> flatten(Object[] events) {
        List<Object> flat = new ArrayList<>();
        for (Object event : events) {
            if (event instanceof Collection<?> many) {
                flat.addAll(many);
            } else if (event instanceof Object[] array) {
                flat.addAll(Arrays.asList(array));
            } else {
                flat.add(event);
            }
        }
        return flat;
    }

    /** Which stream an event type belongs to. */
    static final class Streams {

        record Stream(String type, String id) {
        }

        static Stream of(Object event) {
            if (event instanceof DepositConfirmed d) {
                return new Stream(Deposit.class.getSimpleName(), d.depositId().value());
            }
            if (event instanceof io.custody.api.deposit.IncomingDepositSeen d) {
                return new Stream(Deposit.class.getSimpleName(), d.depositId().value());
            }
            if (event instanceof io.custody.api.deposit.DepositRetracted d) {
                return new Stream(Deposit.class.getSimpleName(), d.depositId().value());
            }
            String pkg = event.getClass().getPackageName();
            if (pkg.endsWith(".governance")) {
                return new Stream(PolicyChangeProposal.class.getSimpleName(), field(event, "changeId"));
            }
            if (pkg.endsWith(".identity")) {
                return new Stream("MemberPasskeys", field(event, "member"));
            }
            boolean walletStream = pkg.endsWith(".wallet") || event instanceof io.custody.api.deposit.DepositCredited
                    || event instanceof io.custody.api.deposit.DepositReversed
                    || event instanceof io.custody.api.withdrawal.WithdrawalReserved
                    || event instanceof io.custody.api.withdrawal.ReservationReleased
                    || event instanceof io.custody.api.withdrawal.WithdrawalSettled;
            String walletId = field(event, "walletId");
            if (walletStream) {
                return new Stream(CustodyWallet.class.getSimpleName(), walletId);
            }
            return new Stream(WithdrawalProposal.class.getSimpleName(), field(event, "proposalId"));
        }

        private static String field(Object event, String name) {
            try {
                return String.valueOf(event.getClass().getMethod(name).invoke(event));
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException(event.getClass().getSimpleName() + " has no " + name, e);
            }
        }
    }
}
