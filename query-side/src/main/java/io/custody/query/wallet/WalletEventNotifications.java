package io.custody.query.wallet;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * Listens on the database channel that {@link WalletEventLogProjection} notifies and fans the notices out to the SSE
 * streams of this instance. A notice only says "look again"; streams always read the rows themselves, so a lost notice
 * delays an event by at most the streams' polling interval and never loses it.
 */
@Component
public class WalletEventNotifications implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WalletEventNotifications.class);

    /** A notice: which wallet has new events, up to which position of its history. */
    public record Notice(String walletId, long position) {
    }

    private final ConnectionFactory connections;
    private final Sinks.Many<Notice> notices = Sinks.many().multicast().directBestEffort();
    private volatile Disposable listening;

    public WalletEventNotifications(ConnectionFactory connections) {
        this.connections = connections;
    }

    public Flux<Notice> notices() {
        return notices.asFlux();
    }

    @Override
    public void start() {
        listening = Flux.usingWhen(Mono.from(connections.create()), this::listen, Connection::close)
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(5))
                        .doBeforeRetry(s -> log.warn("wallet event listener reconnecting: {}", s.failure().toString())))
                .subscribe(n -> notices.tryEmitNext(n));
    }

    private Flux<Notice> listen(Connection connection) {
        PostgresqlConnection pg = unwrap(connection);
        return pg.createStatement("LISTEN " + WalletEventLogProjection.CHANNEL).execute()
                .flatMap(result -> result.getRowsUpdated())
                .thenMany(pg.getNotifications())
                .mapNotNull(n -> parse(n.getParameter()));
    }

    private static PostgresqlConnection unwrap(Connection connection) {
        Object candidate = connection;
        while (!(candidate instanceof PostgresqlConnection) && candidate instanceof Wrapped<?> wrapped) {
            candidate = wrapped.unwrap();
        }
        if (candidate instanceof PostgresqlConnection pg) {
            return pg;
        }
        throw new IllegalStateException("wallet event notifications need a PostgreSQL R2DBC connection");
    }

    private static Notice parse(String parameter) {
        if (parameter == null) return null;
        int colon = parameter.lastIndexOf(':');
        if (colon < 0) return null;
        try {
            return new Notice(parameter.substring(0, colon), Long.parseLong(parameter.substring(colon + 1)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public void stop() {
        Disposable current = listening;
        if (current != null) current.dispose();
        listening = null;
    }

    @Override
    public boolean isRunning() {
        return listening != null && !listening.isDisposed();
    }
}
