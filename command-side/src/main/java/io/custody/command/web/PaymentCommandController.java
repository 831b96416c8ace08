package io.custody.command.web;

import io.custody.api.identity.Caller;
import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.payment.IdempotencyKey;
import io.custody.api.payment.MerchantId;
import io.custody.api.payment.PaymentId;
import io.custody.api.payment.RegisterMerchant;
import io.custody.api.payment.RoutePayment;
import io.custody.api.payment.RoutingResult;
import io.custody.api.wallet.DestinationAddress;
import io.custody.api.wallet.WalletId;
import io.custody.command.web.PaymentRequests.RegisterMerchantRequest;
import io.custody.command.web.PaymentRequests.RoutePaymentRequest;
import java.net.URI;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Write API of merchants and payment routing. */
@RestController
@RequestMapping("/api/v1/merchants")
public class PaymentCommandController {

    private final CommandDispatcher dispatcher;

    public PaymentCommandController(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Map<String, String>>> register(@RequestBody RegisterMerchantRequest body,
                                                              ServerWebExchange exchange) {
        Fields fields = new Fields();
        MerchantId id = fields.required("merchantId", body.merchantId(), Fields.id(MerchantId::new));
        String name = fields.optional("name", body.name(), Fields::name);
        DestinationAddress direct = fields.required("directWallet", body.directWallet(), Fields::destination);
        WalletId custody = fields.optional("custodyWalletId", body.custodyWalletId(), Fields.id(WalletId::parse));
        DestinationAddress custodyAddress = fields.optional("custodyAddress", body.custodyAddress(), Fields::destination);
        fields.throwIfAny("Invalid merchant");
        return dispatcher.<MerchantId>send(new RegisterMerchant(id, name, direct, custody, custodyAddress,
                        Caller.of(exchange.getAttributes()).organisation()), exchange)
                .map(m -> ResponseEntity.created(URI.create("/api/v1/merchants/" + m))
                        .body(Map.of("merchantId", m.value())));
    }

    /**
     * Routes a payment. {@code Idempotency-Key} is required: the same key with the same payload answers the first
     * result again (200, same body), with another payload {@code 409 IDEMPOTENCY_CONFLICT}.
     */
    @PostMapping(path = "/{merchantId}/payments", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<RoutingResult> route(@PathVariable String merchantId, @RequestBody RoutePaymentRequest body,
                                     @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                     ServerWebExchange exchange) {
        Fields fields = new Fields();
        MerchantId merchant = fields.required("merchantId", merchantId, Fields.id(MerchantId::new));
        IdempotencyKey idempotencyKey = fields.required("Idempotency-Key", key, Fields.id(IdempotencyKey::new));
        PaymentId paymentId = fields.required("paymentId", body.paymentId(), Fields.id(PaymentId::new));
        TokenId token = fields.required("token", body.token(), Fields::token);
        Amount amount = fields.required("amount", body.amount(), Fields::positiveAmount);
        fields.throwIfAny("Invalid payment");
        return dispatcher.send(new RoutePayment(merchant, idempotencyKey, paymentId, body.payer(), token, amount),
                exchange);
    }
}
