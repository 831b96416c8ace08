package io.custody.query.wallet;

import io.custody.api.wallet.WalletId;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * A wallet's event history followed live, as Server-Sent Events whose ids are positions in {@code wallet_event_log},
 * optionally only the events a filter selects (the proposal stream is the wallet stream restricted to proposal
 * events; its ids are the same positions, so {@code Last-Event-ID} resumes it the same way). Positions follow the
 * order events were recorded, not their global index, which is what lets a resumed stream receive an event whose
 * transaction committed late (ADR 012).
 */
@Component
public class WalletEventStream {

    static final Duration POLL_INTERVAL = Duration.ofSeconds(2);
    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final WalletReadRepository wallets;
    private final WalletEventNotifications notifications;

    public WalletEventStream(WalletReadRepository wallets, WalletEventNotifications notifications) {
        this.wallets = wallets;
        this.notifications = notifications;
    }

    public Flux<ServerSentEvent<String>> follow(WalletId id, long after, Predicate<WalletEvent> filter) {
        return Flux.merge(stream(id, after, filter), heartbeats());
    }

    private Flux<ServerSentEvent<String>> stream(WalletId id, long after, Predicate<WalletEvent> filter) {
        AtomicLong cursor = new AtomicLong(after);
        Flux<Object> lookAgain = Flux.merge(
                Flux.just(Boolean.TRUE),
                notifications.notices().filter(n -> n.walletId().equals(id.toString()) && n.position() > cursor.get()),
                Flux.interval(POLL_INTERVAL));
        // One read at a time, and triggers that arrive during a read collapse into one more read: the cursor only
        // moves forward, so no event is sent twice and none is skipped.
        return lookAgain.onBackpressureLatest()
                .concatMap(trigger -> drain(id, cursor), 1)
                .filter(filter)
                .map(e -> ServerSentEvent.<String>builder(e.payloadJson())
                        .id(Long.toString(e.position()))
                        .event(e.type())
                        .build());
    }

    private Flux<WalletEvent> drain(WalletId id, AtomicLong cursor) {
        return wallets.eventsAfter(id, cursor.get())
                .doOnNext(e -> cursor.set(e.position()))
                .collectList()
                .flatMapMany(batch -> batch.size() < WalletReadRepository.HISTORY_BATCH
                        ? Flux.fromIterable(batch)
                        : Flux.fromIterable(batch).concatWith(Flux.defer(() -> drain(id, cursor))));
    }

    private static Flux<ServerSentEvent<String>> heartbeats() {
        return Flux.interval(HEARTBEAT).map(i -> ServerSentEvent.<String>builder().comment("keep-alive").build());
    }

    /** Parses a {@code Last-Event-ID}; absent means from the beginning. */
    public static long lastEventId(String raw) {
        if (raw == null || raw.isEmpty()) {
            return 0L;
        }
        try {
            long value = Long.parseLong(raw);
            if (value >= 0) return value;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw io.custody.api.error.RejectedException.invalid("Invalid Last-Event-ID",
                java.util.Map.of("Last-Event-ID", java.util.List.of("must be an event id previously sent by this stream")));
    }
}
