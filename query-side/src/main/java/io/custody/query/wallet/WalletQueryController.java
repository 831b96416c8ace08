package io.custody.query.wallet;

import io.custody.api.common.Page;
import io.custody.api.error.ErrorCode;
import io.custody.api.error.RejectedException;
import io.custody.api.identity.Caller;
import io.custody.api.wallet.CustodyWalletView;
import org.springframework.web.server.ServerWebExchange;
import io.custody.api.wallet.ListCustodyWallets;
import io.custody.api.wallet.OrganisationId;
import io.custody.api.wallet.WalletId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Read API for custody wallets, including each wallet's event stream. */
@RestController
@RequestMapping("/api/v1/wallets")
public class WalletQueryController {

    private final WalletReadRepository wallets;
    private final WalletEventStream events;

    public WalletQueryController(WalletReadRepository wallets, WalletEventStream events) {
        this.wallets = wallets;
        this.events = events;
    }

    @GetMapping(path = "/{walletId}", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<CustodyWalletView> get(@PathVariable String walletId, ServerWebExchange exchange) {
        WalletId id = walletId(walletId);
        return wallets.find(id, Caller.of(exchange.getAttributes())).switchIfEmpty(Mono.error(notFound(id)));
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<Page<CustodyWalletView>> list(@RequestParam(required = false) String organisation,
                                              @RequestParam(required = false) String page,
                                              @RequestParam(required = false) String size,
                                              ServerWebExchange exchange) {
        OrganisationId own = Caller.of(exchange.getAttributes()).organisation();
        Map<String, List<String>> errors = new LinkedHashMap<>();
        OrganisationId org = null;
        if (organisation != null) {
            try {
                org = new OrganisationId(organisation);
            } catch (IllegalArgumentException e) {
                errors.computeIfAbsent("organisation", k -> new ArrayList<>()).add(e.getMessage());
            }
        }
        if (org != null && !org.equals(own)) {
            errors.computeIfAbsent("organisation", k -> new ArrayList<>())
                    .add("is the organisation of your credentials; omit it or name your own");
        }
        int pageNumber = intParam(page, 0, "page", 0, Integer.MAX_VALUE / ListCustodyWallets.MAX_SIZE, errors);
        int pageSize = intParam(size, 20, "size", 1, ListCustodyWallets.MAX_SIZE, errors);
        if (!errors.isEmpty()) {
            throw RejectedException.invalid("Invalid wallet listing", errors);
        }
        return wallets.list(new ListCustodyWallets(own, pageNumber, pageSize));
    }

    /**
     * The wallet's history as Server-Sent Events, oldest first, then live: the wallet's own events and those of its
     * proposals and deposits. Each event's {@code id} is its position in the history; a client that reconnects with {@code Last-Event-ID} (header, or {@code lastEventId} query parameter
     * for clients that cannot set headers) resumes right after it, missing nothing and seeing nothing twice.
     */
    @GetMapping(path = "/{walletId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<String>> events(@PathVariable String walletId,
                                                @RequestHeader(name = "Last-Event-ID", required = false) String lastEventHeader,
                                                @RequestParam(name = "lastEventId", required = false) String lastEventParam,
                                                ServerWebExchange exchange) {
        WalletId id = walletId(walletId);
        long after = WalletEventStream.lastEventId(lastEventHeader != null ? lastEventHeader : lastEventParam);
        return wallets.find(id, Caller.of(exchange.getAttributes()))
                .switchIfEmpty(Mono.error(notFound(id)))
                .flatMapMany(found -> events.follow(id, after, e -> true));
    }

    private static WalletId walletId(String raw) {
        try {
            return WalletId.parse(raw);
        } catch (IllegalArgumentException e) {
            throw RejectedException.invalid("Invalid wallet id", Map.of("walletId", List.of("must be a UUID")));
        }
    }

    private static int intParam(String raw, int fallback, String name, int min, int max,
                                Map<String, List<String>> errors) {
        if (raw == null) return fallback;
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) return value;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        errors.computeIfAbsent(name, k -> new ArrayList<>()).add("must be an integer from " + min + " to " + max);
        return fallback;
    }

    private static RejectedException notFound(WalletId id) {
        return new RejectedException(ErrorCode.NOT_FOUND, "No custody wallet " + id);
    }
}
