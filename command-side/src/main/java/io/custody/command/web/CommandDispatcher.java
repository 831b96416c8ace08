package io.custody.command.web;

import io.custody.api.error.ErrorCode;
import io.custody.api.error.RejectedException;
import io.custody.api.error.TraceId;
import io.custody.api.identity.Caller;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Sends commands for the write controllers: with the request's trace id as metadata, on a scheduler of its own (the
 * local command bus runs the handler, with JDBC, in the sending thread), and once more when another instance appended
 * to the same aggregate first. A retry is safe because every handler decides again from the reloaded state and all of
 * them are idempotent for repeated input.
 *
 * <p>The scheduler has fewer threads than the JDBC pool has connections. Axon opens the transaction (taking a
 * connection) before it takes the aggregate's lock, so with more concurrent commands on one wallet than connections,
 * the lock holder could wait for a connection held by a thread waiting for its lock; the benchmark ran into exactly
 * that. Commands beyond the limit queue here instead, and when more than {@code custody.commands.max-pending} are
 * waiting the request is answered {@code 429 RATE_LIMITED} at once rather than left to time out.
 */
@Component
public class CommandDispatcher {

    private final CommandGateway commands;
    private final Scheduler scheduler;
    private final int maxPending;
    private final AtomicInteger pending = new AtomicInteger();

    public CommandDispatcher(CommandGateway commands,
                             @Value("${custody.commands.parallelism:6}") int parallelism,
                             @Value("${custody.commands.max-pending:1000}") int maxPending) {
        this.commands = commands;
        this.maxPending = maxPending;
        this.scheduler = Schedulers.newBoundedElastic(parallelism, Math.max(maxPending, 1), "commands");
    }

    @PreDestroy
    void stop() {
        scheduler.dispose();
    }

    /**
     * Sends a command on behalf of the request's caller: trace id and caller (organisation, member or service account,
     * credential, session, IP address, user agent) go into the command's metadata, and from there into the metadata of
     * every event it causes.
     */
    public <R> Mono<R> send(Object command, ServerWebExchange exchange) {
        return send(command, metaData(exchange));
    }

    /** The metadata every command sent for this request carries. */
    public static MetaData metaData(ServerWebExchange exchange) {
        String traceId = exchange.getAttribute(TraceId.EXCHANGE_ATTRIBUTE);
        MetaData metaData = traceId == null ? MetaData.emptyInstance() : MetaData.with(TraceId.METADATA_KEY, traceId);
        if (exchange.getAttribute(Caller.EXCHANGE_ATTRIBUTE) instanceof Caller caller) {
            metaData = metaData.mergedWith(caller.metaData());
        }
        return metaData;
    }

    /**
     * Another writer appended to the same aggregate first, or created the same new aggregate (a proposal or deposit
     * id) first: deciding again from the reloaded state gives the right answer.
     */
    static boolean lostARace(Throwable failure) {
        return failure instanceof ConcurrencyException || failure instanceof AggregateStreamCreationException;
    }

    <R> Mono<R> send(Object command, String traceId) {
        return send(command, traceId == null ? MetaData.emptyInstance() : MetaData.with(TraceId.METADATA_KEY, traceId));
    }

    <R> Mono<R> send(Object command, MetaData metaData) {
        GenericCommandMessage<?> message =
                (GenericCommandMessage<?>) GenericCommandMessage.asCommandMessage(command).andMetaData(metaData);
        Mono<R> sent = Mono.defer(() -> Mono.fromFuture(commands.<R>send(message)))
                .subscribeOn(scheduler)
                .retryWhen(Retry.backoff(3, Duration.ofMillis(15)).jitter(0.5)
                        .filter(CommandDispatcher::lostARace)
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
        return Mono.defer(() -> {
            if (pending.incrementAndGet() > maxPending) {
                pending.decrementAndGet();
                return Mono.error(new RejectedException(ErrorCode.RATE_LIMITED,
                        "Too many commands are waiting; retry in a few seconds"));
            }
            return sent.doFinally(signal -> pending.decrementAndGet());
        });
    }
}
