package io.custody.command.payment;

import static io.custody.command.payment.MerchantTest.CUSTODY;
import static io.custody.command.payment.MerchantTest.DIRECT;
import static io.custody.command.payment.MerchantTest.NOW;
import static io.custody.command.payment.MerchantTest.SHOP;
import static io.custody.command.payment.MerchantTest.WALLET;
import static org.assertj.core.api.Assertions.assertThat;

import io.custody.api.error.CommandRejectedException;
import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.payment.IdempotencyKey;
import io.custody.api.payment.MerchantRegistered;
import io.custody.api.payment.PaymentId;
import io.custody.api.payment.PaymentRouted;
import io.custody.api.payment.RoutePayment;
import io.custody.api.payment.Routing;
import java.time.Clock;
import java.time.ZoneOffset;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.axonframework.test.aggregate.AggregateTestFixture;

/** Seed Properties 3 (idempotent payments), 4 (routing to custody) and 5 (escrow records are complete). */
class PaymentProperties {

    @Provide
    Arbitrary<RoutePayment> payments() {
        Arbitrary<IdempotencyKey> keys = Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(128)
                .map(IdempotencyKey::new);
        Arbitrary<PaymentId> ids = Arbitraries.strings().withChars("abcXYZ019._:-").ofMinLength(1).ofMaxLength(128)
                .map(PaymentId::new);
        Arbitrary<String> payers = Arbitraries.strings().withChars("0123456789abcdefx").ofMinLength(1).ofMaxLength(64)
                .injectNull(0.2);
        Arbitrary<TokenId> tokens = Arbitraries.of("USDC", "USDT", "DAI").map(TokenId::new);
        Arbitrary<Amount> amounts = Arbitraries.bigIntegers().between(java.math.BigInteger.ONE, Amount.MAX).map(Amount::new);
        return Combinators.combine(keys, ids, payers, tokens, amounts)
                .as((k, id, payer, token, amount) -> new RoutePayment(SHOP, k, id, payer, token, amount));
    }

    static AggregateTestFixture<Merchant> fixture() {
        AggregateTestFixture<Merchant> fixture = new AggregateTestFixture<>(Merchant.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        return fixture;
    }

    @Property(tries = 100)
    void a_merchant_with_custody_is_always_paid_into_custody_and_one_without_never(
            @ForAll("payments") RoutePayment payment, @ForAll boolean hasCustody) {
        MerchantRegistered merchant = new MerchantRegistered(SHOP, "Shop", DIRECT, hasCustody ? WALLET : null,
                hasCustody ? CUSTODY : null, NOW);
        Routing routing = hasCustody ? Routing.ESCROW : Routing.DIRECT;
        fixture().given(merchant).when(payment)
                .expectEvents(new PaymentRouted(SHOP, payment.idempotencyKey(), payment.paymentId(), payment.payer(),
                        payment.token(), payment.amount(), routing, hasCustody ? WALLET : null,
                        hasCustody ? CUSTODY : DIRECT, NOW));
        PaymentRouting.Route route = PaymentRouting.route(DIRECT, merchant.custodyWallet(), merchant.custodyAddress());
        assertThat(route.routing()).isEqualTo(hasCustody ? Routing.ESCROW : Routing.DIRECT);
        assertThat(route.destination()).isEqualTo(hasCustody ? CUSTODY : DIRECT);
        assertThat(route.custodyWallet()).isEqualTo(hasCustody ? WALLET : null);
    }

    @Property(tries = 100)
    void the_escrow_record_holds_payment_id_amount_token_timestamp_and_idempotency_key(
            @ForAll("payments") RoutePayment payment) {
        fixture().given(new MerchantRegistered(SHOP, "Shop", DIRECT, WALLET, CUSTODY, NOW))
                .when(payment)
                .expectEvents(new PaymentRouted(SHOP, payment.idempotencyKey(), payment.paymentId(), payment.payer(),
                        payment.token(), payment.amount(), Routing.ESCROW, WALLET, CUSTODY, NOW));
    }

    @Property(tries = 100)
    void repeating_a_payment_with_its_key_returns_the_first_result_and_stores_nothing_new(
            @ForAll("payments") RoutePayment payment, @ForAll @IntRange(min = 1, max = 4) int repeats) {
        PaymentRouted first = new PaymentRouted(SHOP, payment.idempotencyKey(), payment.paymentId(), payment.payer(),
                payment.token(), payment.amount(), Routing.ESCROW, WALLET, CUSTODY, NOW.minusSeconds(60));
        java.util.List<Object> again = new java.util.ArrayList<>();
        for (int i = 1; i < repeats; i++) again.add(payment);
        fixture().given(new MerchantRegistered(SHOP, "Shop", DIRECT, WALLET, CUSTODY, NOW), first)
                .andGivenCommands(again)
                .when(payment)
                .expectNoEvents()
                .expectResultMessagePayload(first.result());
    }

    @Property(tries = 100)
    void the_same_key_with_another_amount_is_refused(@ForAll("payments") RoutePayment payment) {
        PaymentRouted first = new PaymentRouted(SHOP, payment.idempotencyKey(), payment.paymentId(), payment.payer(),
                payment.token(), payment.amount(), Routing.ESCROW, WALLET, CUSTODY, NOW);
        Amount other = payment.amount().value().equals(Amount.MAX) ? Amount.of(1) : payment.amount().plus(Amount.of(1));
        fixture().given(new MerchantRegistered(SHOP, "Shop", DIRECT, WALLET, CUSTODY, NOW), first)
                .when(new RoutePayment(SHOP, payment.idempotencyKey(), payment.paymentId(), payment.payer(),
                        payment.token(), other))
                .expectNoEvents()
                .expectException(CommandRejectedException.class);
    }
}
