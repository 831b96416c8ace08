package io.custody.command.web;

import io.custody.api.error.TraceId;
import java.time.Duration;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Sends commands for the write controllers: with the request's trace id as metadata, on the bounded-elastic scheduler
 * (the local command bus runs the handler, with JDBC, in the sending thread), and once more when another instance
 * appended to the same aggregate first. A retry is safe because every handler decides again from the reloaded state
 * and all of them are idempotent for repeated input.
 */
@Component
public class CommandDispatcher {

    private final CommandGateway commands;

    public CommandDispatcher(CommandGateway commands) {
        this.commands = commands;
    }

    public <R> Mono<R> send(Object command, ServerWebExchange exchange) {
        String traceId = exchange.getAttribute(TraceId.EXCHANGE_ATTRIBUTE);
        MetaData metaData = traceId == null ? MetaData.emptyInstance() : MetaData.with(TraceId.METADATA_KEY, traceId);
        GenericCommandMessage<?> message =
                (GenericCommandMessage<?>) GenericCommandMessage.asCommandMessage(command).andMetaData(metaData);
        return Mono.defer(() -> Mono.fromFuture(commands.<R>send(message)))
                .subscribeOn(Schedulers.boundedElastic())
                .retryWhen(Retry.backoff(3, Duration.ofMillis(15)).jitter(0.5)
                        .filter(ConcurrencyException.class::isInstance)
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    }
}
