package io.custody.query.balance;

import io.custody.api.balance.WalletBalancesView;
import io.custody.api.balance.WalletBalancesView.TokenBalanceView;
import io.custody.api.error.ErrorCode;
import io.custody.api.error.RejectedException;
import io.custody.api.identity.Caller;
import io.custody.api.wallet.WalletId;
import org.springframework.web.server.ServerWebExchange;
import io.custody.query.wallet.WalletReadRepository;
import io.custody.query.web.PathIds;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/wallets/{id}/balances}. When the read store fails, the last answer this instance gave for the
 * wallet is served again, marked stale (seed Property 8); without one the answer is {@code 503}.
 */
@RestController
public class BalanceQueryController {

    private final BalanceReadRepository balances;
    private final WalletReadRepository wallets;
    private final Clock clock;
    private final Duration cacheTime;
    private final Map<WalletId, List<BalanceReadRepository.BalanceRow>> lastKnown = new ConcurrentHashMap<>();
    private final Map<WalletId, io.custody.api.wallet.OrganisationId> owners = new ConcurrentHashMap<>();

    public BalanceQueryController(BalanceReadRepository balances, WalletReadRepository wallets, Clock clock,
                                  @Value("${custody.balances.cache-time:PT5M}") Duration cacheTime) {
        this.balances = balances;
        this.wallets = wallets;
        this.clock = clock;
        this.cacheTime = cacheTime;
    }

    @GetMapping(path = "/api/v1/wallets/{walletId}/balances", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<WalletBalancesView> balances(@PathVariable String walletId, ServerWebExchange exchange) {
        WalletId id = PathIds.walletId(walletId);
        Caller caller = Caller.of(exchange.getAttributes());
        Mono<WalletBalancesView> fresh = wallets.find(id, caller)
                .switchIfEmpty(Mono.error(new RejectedException(ErrorCode.NOT_FOUND, "No custody wallet " + id)))
                .then(balances.balances(id).collectList())
                .doOnNext(rows -> {
                    lastKnown.put(id, rows);
                    owners.put(id, caller.organisation());
                })
                .map(rows -> view(id, rows, false));
        return fresh.onErrorResume(e -> !(e instanceof RejectedException), e -> {
            // only this wallet's last answer, and only because this caller's organisation read it before
            List<BalanceReadRepository.BalanceRow> rows = caller.organisation().equals(owners.get(id))
                    ? lastKnown.get(id) : null;
            if (rows == null) {
                return Mono.error(new RejectedException(ErrorCode.SERVICE_UNAVAILABLE,
                        "Balances cannot be read right now and none is known for this wallet"));
            }
            return Mono.just(view(id, rows, true));
        });
    }

    private WalletBalancesView view(WalletId id, List<BalanceReadRepository.BalanceRow> rows, boolean fallback) {
        Instant now = clock.instant();
        List<TokenBalanceView> tokens = rows.stream().map(r -> {
            BigDecimal available = r.deposited().subtract(r.withdrawn()).subtract(r.reserved()).max(BigDecimal.ZERO);
            return new TokenBalanceView(r.token(), available.toPlainString(), r.deposited().toPlainString(),
                    r.withdrawn().toPlainString(), r.reserved().toPlainString(),
                    r.pendingIncoming().toPlainString(), r.observedAt(),
                    BalanceFreshness.isStale(r.observedAt(), now, cacheTime, fallback));
        }).toList();
        Instant last = rows.stream().map(BalanceReadRepository.BalanceRow::observedAt).max(Instant::compareTo)
                .orElse(null);
        boolean stale = fallback || tokens.stream().anyMatch(TokenBalanceView::stale);
        return new WalletBalancesView(id.toString(), tokens, stale, last);
    }
}
