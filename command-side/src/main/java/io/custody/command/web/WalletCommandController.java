package io.custody.command.web;

import io.custody.api.identity.Caller;
import io.custody.api.wallet.CreateCustodyWallet;
import io.custody.api.wallet.RenameCustodyWallet;
import io.custody.api.wallet.RetryWalletProvisioning;
import io.custody.api.wallet.WalletId;
import java.net.URI;
import java.time.Duration;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/** Write API for custody wallets. */
@RestController
@RequestMapping("/api/v1/wallets")
public class WalletCommandController {

    private final CommandGateway commands;

    public WalletCommandController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<WalletCreatedResponse>> create(
            @RequestBody CreateWalletRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            ServerWebExchange exchange) {
        CreateCustodyWallet command = WalletRequestParser.parse(request, idempotencyKey,
                Caller.of(exchange.getAttributes()).organisation());
        return this.<WalletId>dispatch(command, exchange)
                // Two requests with one idempotency key race to create the same aggregate; the loser's insert hits the
                // event store's unique key. Sent again, it finds the wallet and answers as a replay (or a conflict).
                .retryWhen(Retry.fixedDelay(2, Duration.ofMillis(20))
                        .filter(ConcurrencyException.class::isInstance)
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
                .map(id -> ResponseEntity.created(URI.create("/api/v1/wallets/" + id))
                        .body(WalletCreatedResponse.of(id.toString())));
    }

    /** Changes the wallet's display name; answers 204 whether or not the name was different. */
    @PatchMapping(path = "/{walletId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Void>> rename(@PathVariable String walletId, @RequestBody RenameWalletRequest request,
                                             ServerWebExchange exchange) {
        WalletId id = Fields.walletId(walletId);
        Fields fields = new Fields();
        String name = fields.optional("name", request == null ? null : request.name(), Fields::name);
        fields.throwIfAny("Invalid wallet name");
        var command = new RenameCustodyWallet(id, name);
        return dispatch(command, exchange)
                .thenReturn(ResponseEntity.noContent().build());
    }

    /**
     * Starts another key generation for a wallet whose provisioning failed (409 PROVISIONING_STATE_CONFLICT for any
     * other wallet); answers 202, the outcome shows in the wallet's status and event stream.
     */
    @PostMapping(path = "/{walletId}/provisioning/retry")
    public Mono<ResponseEntity<Void>> retryProvisioning(@PathVariable String walletId, ServerWebExchange exchange) {
        return dispatch(new RetryWalletProvisioning(Fields.walletId(walletId)), exchange)
                .thenReturn(ResponseEntity.accepted().build());
    }

    /**
     * Sends a command with the request's trace id as metadata. With the local command bus the handler runs in the
     * sending thread and does JDBC, so sending happens on the bounded-elastic scheduler, never on an event-loop thread.
     */
    private <R> Mono<R> dispatch(Object command, ServerWebExchange exchange) {
        GenericCommandMessage<?> message = withTrace(command, exchange);
        return Mono.defer(() -> Mono.fromFuture(commands.<R>send(message))).subscribeOn(Schedulers.boundedElastic());
    }

    private static GenericCommandMessage<?> withTrace(Object command, ServerWebExchange exchange) {
        return (GenericCommandMessage<?>) GenericCommandMessage.asCommandMessage(command)
                .andMetaData(CommandDispatcher.metaData(exchange));
    }
}
