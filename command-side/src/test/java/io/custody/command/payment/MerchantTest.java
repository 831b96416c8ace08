package io.custody.command.payment;

import io.custody.api.error.ErrorCode;
import io.custody.api.error.Reason;
import io.custody.api.error.Rejection;
import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.payment.IdempotencyKey;
import io.custody.api.payment.MerchantId;
import io.custody.api.payment.MerchantRegistered;
import io.custody.api.payment.PaymentId;
import io.custody.api.payment.PaymentRouted;
import io.custody.api.payment.RegisterMerchant;
import io.custody.api.payment.RoutePayment;
import io.custody.api.payment.Routing;
import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.DestinationAddress;
import io.custody.api.wallet.WalletId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MerchantTest {

    static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    static final MerchantId SHOP = new MerchantId("coffee-corner");
    static final DestinationAddress DIRECT = new DestinationAddress(ChainFamily.EVM, "0x" + "11".repeat(20));
    static final DestinationAddress CUSTODY = new DestinationAddress(ChainFamily.APTOS, "0x" + "22".repeat(32));
    static final WalletId WALLET = new WalletId(UUID.fromString("7d0c6a2e-4a4e-4bd6-9c55-2a0e4b1b2c3d"));
    static final IdempotencyKey KEY = new IdempotencyKey("order-1-attempt");
    static final TokenId USDC = new TokenId("USDC");

    private AggregateTestFixture<Merchant> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Merchant.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource((CustodyWallets) WALLET::equals);
    }

    static MerchantRegistered withCustody() {
        return new MerchantRegistered(SHOP, "Coffee Corner", DIRECT, WALLET, CUSTODY, NOW);
    }

    static RoutePayment pay(long amount) {
        return new RoutePayment(SHOP, KEY, new PaymentId("order-1"), "0xpayer", USDC, Amount.of(amount));
    }

    static PaymentRouted escrowed(long amount) {
        return new PaymentRouted(SHOP, KEY, new PaymentId("order-1"), "0xpayer", USDC, Amount.of(amount),
                Routing.ESCROW, WALLET, CUSTODY, NOW);
    }

    @Test
    void a_merchant_with_a_custody_wallet_is_paid_into_escrow_with_every_field_recorded() {
        fixture.given(withCustody())
                .when(pay(100))
                .expectEvents(escrowed(100))
                .expectResultMessagePayload(escrowed(100).result());
    }

    @Test
    void a_merchant_without_custody_is_paid_directly() {
        fixture.given(new MerchantRegistered(SHOP, "Coffee Corner", DIRECT, null, null, NOW))
                .when(pay(100))
                .expectEvents(new PaymentRouted(SHOP, KEY, new PaymentId("order-1"), "0xpayer", USDC, Amount.of(100),
                        Routing.DIRECT, null, DIRECT, NOW));
    }

    @Test
    void the_same_key_and_payload_returns_the_first_result_and_stores_nothing() {
        PaymentRouted first = new PaymentRouted(SHOP, KEY, new PaymentId("order-1"), "0xpayer", USDC,
                Amount.of(100), Routing.ESCROW, WALLET, CUSTODY, NOW.minusSeconds(3600));
        fixture.given(withCustody(), first)
                .when(pay(100))
                .expectNoEvents()
                .expectResultMessagePayload(first.result());
    }

    @Test
    void the_same_key_with_another_payload_is_an_idempotency_conflict() {
        fixture.given(withCustody(), escrowed(100))
                .when(pay(101))
                .expectNoEvents()
                .expectExceptionDetails(new Rejection(ErrorCode.IDEMPOTENCY_CONFLICT,
                        "idempotency key " + KEY + " was used for a different payment", Map.of()));
    }

    @Test
    void the_same_payment_under_another_key_is_a_conflict() {
        fixture.given(withCustody(), escrowed(100))
                .when(new RoutePayment(SHOP, new IdempotencyKey("other"), new PaymentId("order-1"), "0xpayer", USDC,
                        Amount.of(100)))
                .expectNoEvents()
                .expectExceptionDetails(new Rejection(Reason.PAYMENT_ALREADY_ROUTED,
                        "payment order-1 was already routed under another key", Map.of()));
    }

    @Test
    void a_merchant_naming_an_existing_custody_wallet_is_registered() {
        fixture.givenNoPriorActivity()
                .when(new RegisterMerchant(SHOP, "Coffee Corner", DIRECT, WALLET, CUSTODY))
                .expectEvents(withCustody());
    }

    @Test
    void a_merchant_naming_a_custody_wallet_that_does_not_exist_is_refused_and_nothing_is_stored() {
        WalletId unknown = new WalletId(UUID.fromString("00000000-0000-4000-8000-000000000001"));
        fixture.givenNoPriorActivity()
                .when(new RegisterMerchant(SHOP, "Coffee Corner", DIRECT, unknown, CUSTODY))
                .expectNoEvents()
                .expectExceptionDetails(new Rejection(Reason.UNKNOWN_WALLET, "Invalid merchant",
                        Map.of("custodyWalletId", java.util.List.of("no custody wallet has this id"))));
    }
}
