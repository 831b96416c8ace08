package io.custody.query.payment;

import io.custody.api.error.ErrorCode;
import io.custody.api.error.Reason;
import io.custody.api.error.Rejection;
import io.custody.api.error.RejectedException;
import io.custody.api.identity.Caller;
import io.custody.api.identity.CallerKind;
import io.custody.query.wallet.WalletReadRepository;
import org.springframework.web.server.ServerWebExchange;
import io.custody.api.payment.MerchantId;
import io.custody.api.wallet.WalletId;
import io.custody.query.web.PathIds;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Read API of routed payments: per merchant, and the escrow transactions received by one custody wallet. */
@RestController
public class EscrowQueryController {

    /** At most this many, newest first; paging can follow when a merchant needs more. */
    static final int LIMIT = 200;

    private final DatabaseClient db;
    private final WalletReadRepository wallets;

    public EscrowQueryController(DatabaseClient db, WalletReadRepository wallets) {
        this.db = db;
        this.wallets = wallets;
    }

    @GetMapping(path = "/api/v1/merchants/{merchantId}/payments", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<List<EscrowTransactionView>> byMerchant(@PathVariable String merchantId, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange.getAttributes());
        String organisation = caller.organisation().value();
        MerchantId id;
        try {
            id = new MerchantId(merchantId);
        } catch (IllegalArgumentException e) {
            throw RejectedException.invalid("Invalid merchant id", Map.of("merchantId", List.of(e.getMessage())));
        }
        Rejection missing = new Rejection(Reason.MERCHANT_NOT_FOUND, "No merchant " + id.value(), Map.of());
        // a merchant API key sees its own merchant only; another merchant is answered as a missing one
        if (caller.kind() == CallerKind.MERCHANT_API_KEY && !caller.subject().equals(id.value())) {
            return Mono.error(new RejectedException(missing));
        }
        // another organisation's merchant answers 404 exactly like a merchant that does not exist
        return db.sql("SELECT 1 FROM merchant_view WHERE merchant_id = :id AND organisation_id = :org")
                .bind("id", id.value()).bind("org", organisation).map(r -> 1).first()
                .switchIfEmpty(Mono.error(new RejectedException(missing)))
                .then(db.sql("SELECT * FROM escrow_transaction_view WHERE merchant_id = :id "
                        + "ORDER BY sequence_number DESC LIMIT " + LIMIT)
                .bind("id", id.value()).map(EscrowQueryController::view).all().collectList());
    }

    @GetMapping(path = "/api/v1/wallets/{walletId}/escrow-transactions", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<List<EscrowTransactionView>> byWallet(@PathVariable String walletId, ServerWebExchange exchange) {
        WalletId id = PathIds.walletId(walletId);
        return wallets.find(id, Caller.of(exchange.getAttributes()))
                .switchIfEmpty(Mono.error(new RejectedException(ErrorCode.NOT_FOUND, "No custody wallet " + id)))
                .then(db.sql("SELECT * FROM escrow_transaction_view WHERE custody_wallet_id = :id "
                        + "ORDER BY routed_at DESC, merchant_id, sequence_number DESC LIMIT " + LIMIT)
                .bind("id", id.value()).map(EscrowQueryController::view).all().collectList());
    }

    private static EscrowTransactionView view(Readable r) {
        UUID wallet = r.get("custody_wallet_id", UUID.class);
        return new EscrowTransactionView(r.get("merchant_id", String.class), r.get("payment_id", String.class),
                r.get("idempotency_key", String.class), r.get("payer", String.class), r.get("token", String.class),
                r.get("amount", BigDecimal.class).toPlainString(), r.get("routing", String.class),
                wallet == null ? null : wallet.toString(), r.get("destination", String.class),
                r.get("routed_at", OffsetDateTime.class).toInstant());
    }
}
