package io.custody.command.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.custody.api.error.Reason;
import io.custody.api.error.Rejection;
import io.custody.api.identity.Caller;
import io.custody.api.identity.CallerKind;
import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.payment.IdempotencyKey;
import io.custody.api.payment.IssueMerchantApiKey;
import io.custody.api.payment.MerchantApiKeyIssued;
import io.custody.api.payment.MerchantApiKeyRevoked;
import io.custody.api.payment.MerchantApiKeyScope;
import io.custody.api.payment.MerchantId;
import io.custody.api.payment.MerchantRegistered;
import io.custody.api.payment.PaymentId;
import io.custody.api.payment.PaymentRouted;
import io.custody.api.payment.RevokeMerchantApiKey;
import io.custody.api.payment.RoutePayment;
import io.custody.api.payment.Routing;
import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.DestinationAddress;
import io.custody.api.wallet.OrganisationId;
import io.custody.command.identity.Secrets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rules of a merchant's API keys (ADR identity-030), on the {@link Merchant} aggregate. */
class MerchantApiKeysTest {

    static final Instant NOW = Instant.parse("2026-12-02T01:00:00Z");
    static final OrganisationId ORG = new OrganisationId("acme");
    static final MerchantId SHOP = new MerchantId("coffee-corner");
    static final DestinationAddress DIRECT = new DestinationAddress(ChainFamily.EVM, "0x" + "11".repeat(20));
    static final String KEY = "0123456789abcdef0123456789abcdef";
    static final String OTHER_KEY = "fedcba9876543210fedcba9876543210";
    static final String HASH = Secrets.hash("a secret of 256 random bits, here a fixed one");
    static final Set<MerchantApiKeyScope> ALL = Set.of(MerchantApiKeyScope.values());

    private AggregateTestFixture<Merchant> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Merchant.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource((CustodyWallets) id -> false);
    }

    static MerchantRegistered registered() {
        return new MerchantRegistered(SHOP, "Coffee Corner", DIRECT, null, null, NOW.minusSeconds(60), ORG);
    }

    static MerchantApiKeyIssued issued(String keyId) {
        return new MerchantApiKeyIssued(SHOP, ORG, keyId, HASH, "Till 1", ALL, null, NOW.minusSeconds(30));
    }

    static IssueMerchantApiKey issue(String keyId) {
        return new IssueMerchantApiKey(SHOP, keyId, HASH, " Till 1 ", ALL, null);
    }

    static Map<String, String> asKeyOf(String merchant) {
        return new Caller(ORG, merchant, CallerKind.MERCHANT_API_KEY, Set.of(),
                MerchantApiKeys.CREDENTIAL_PREFIX + KEY, null, "127.0.0.1", null).metaData();
    }

    static RoutePayment pay() {
        return new RoutePayment(SHOP, new IdempotencyKey("k-1"), new PaymentId("order-1"), null, new TokenId("USDC"),
                Amount.of(5));
    }

    @Test
    void an_issued_key_records_its_hash_label_scopes_and_organisation_and_never_a_secret() {
        fixture.given(registered())
                .when(issue(KEY))
                .expectEvents(new MerchantApiKeyIssued(SHOP, ORG, KEY, HASH, "Till 1", ALL, null, NOW));
    }

    @Test
    void a_key_with_an_expiry_in_the_past_or_without_scopes_or_label_is_refused() {
        fixture.given(registered())
                .when(new IssueMerchantApiKey(SHOP, KEY, HASH, "", Set.of(), NOW.minusSeconds(1)))
                .expectNoEvents()
                .expectExceptionDetails(new Rejection(Reason.INVALID_TEXT, "Invalid merchant API key", Map.of(
                        "label", List.of("is required"),
                        "scopes", List.of("must name at least one scope"),
                        "expiresAt", List.of("must be in the future"))));
    }

    @Test
    void a_hash_that_is_no_sha256_is_refused() {
        fixture.given(registered())
                .when(new IssueMerchantApiKey(SHOP, KEY, "mk_" + KEY + "_plain-secret", "Till", ALL, null))
                .expectNoEvents()
                .expectException(io.custody.api.error.CommandRejectedException.class);
    }

    @Test
    void a_revoked_key_is_revoked_once_and_revoking_it_again_records_nothing() {
        fixture.given(registered(), issued(KEY))
                .when(new RevokeMerchantApiKey(SHOP, KEY))
                .expectEvents(new MerchantApiKeyRevoked(SHOP, ORG, KEY, NOW));
        fixture.given(registered(), issued(KEY), new MerchantApiKeyRevoked(SHOP, ORG, KEY, NOW))
                .when(new RevokeMerchantApiKey(SHOP, KEY))
                .expectNoEvents()
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void the_id_of_a_revoked_key_is_never_issued_again() {
        fixture.given(registered(), issued(KEY), new MerchantApiKeyRevoked(SHOP, ORG, KEY, NOW))
                .when(issue(KEY))
                .expectNoEvents()
                .expectExceptionDetails(new Rejection(Reason.ID_TAKEN, "This key id was issued before", Map.of()));
    }

    @Test
    void revoking_a_key_the_merchant_never_had_is_404() {
        fixture.given(registered(), issued(KEY))
                .when(new RevokeMerchantApiKey(SHOP, OTHER_KEY))
                .expectNoEvents()
                .expectExceptionDetails(new Rejection(Reason.KEY_NOT_FOUND,
                        "The merchant has no API key " + OTHER_KEY, Map.of()));
    }

    @Test
    void a_merchant_holds_at_most_ten_active_keys() {
        Object[] history = new Object[1 + Merchant.MAX_ACTIVE_API_KEYS];
        history[0] = registered();
        for (int i = 0; i < Merchant.MAX_ACTIVE_API_KEYS; i++) {
            history[i + 1] = issued("%032x".formatted(i + 1));
        }
        fixture.given(history)
                .when(issue(OTHER_KEY))
                .expectNoEvents()
                .expectExceptionDetails(new Rejection(Reason.TOO_MANY_KEYS, "A merchant holds at most "
                        + Merchant.MAX_ACTIVE_API_KEYS + " active API keys; revoke one first", Map.of()));
    }

    @Test
    void a_merchant_of_no_organisation_cannot_hold_keys() {
        fixture.given(new MerchantRegistered(SHOP, "Coffee Corner", DIRECT, null, null, NOW))
                .when(issue(KEY))
                .expectNoEvents()
                .expectException(io.custody.api.error.CommandRejectedException.class);
    }

    @Test
    void a_merchant_key_routes_its_own_merchants_payments() {
        fixture.given(registered(), issued(KEY))
                .when(pay(), asKeyOf(SHOP.value()))
                .expectEvents(new PaymentRouted(SHOP, new IdempotencyKey("k-1"), new PaymentId("order-1"), null,
                        new TokenId("USDC"), Amount.of(5), Routing.DIRECT, null, DIRECT, NOW));
    }

    @Test
    void another_merchants_key_is_answered_as_if_this_merchant_did_not_exist() {
        fixture.given(registered(), issued(KEY))
                .when(pay(), asKeyOf("tea-house"))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void a_merchant_key_never_issues_or_revokes_keys_even_for_its_own_merchant() {
        fixture.given(registered(), issued(KEY))
                .when(issue(OTHER_KEY), asKeyOf(SHOP.value()))
                .expectNoEvents()
                .expectExceptionDetails(new Rejection(Reason.MERCHANT_KEY_SCOPE,
                        "A merchant API key may only route payments", Map.of()));
        fixture.given(registered(), issued(KEY))
                .when(new RevokeMerchantApiKey(SHOP, KEY), asKeyOf(SHOP.value()))
                .expectNoEvents()
                .expectExceptionDetails(new Rejection(Reason.MERCHANT_KEY_SCOPE,
                        "A merchant API key may only route payments", Map.of()));
    }

    @Test
    void the_key_format_round_trips_and_anything_else_is_not_a_key() {
        String secret = Secrets.newSecret();
        String keyId = MerchantApiKeys.newKeyId();
        String key = MerchantApiKeys.format(keyId, secret);
        var parsed = MerchantApiKeys.parse(key).orElseThrow();
        assertThat(parsed.keyId()).isEqualTo(keyId);
        assertThat(parsed.secret()).isEqualTo(secret);
        assertThat(parsed.toString()).doesNotContain(secret);
        assertThat(MerchantApiKeys.parse(key + "x")).isEmpty();
        assertThat(MerchantApiKeys.parse(key.substring(0, key.length() - 1))).isEmpty();
        assertThat(MerchantApiKeys.parse("mk_" + keyId.toUpperCase() + "_" + secret)).isEmpty();
        assertThat(MerchantApiKeys.parse("mk_" + keyId + "." + secret)).isEmpty();
        assertThat(MerchantApiKeys.parse("xk_" + keyId + "_" + secret)).isEmpty();
        assertThat(MerchantApiKeys.parse("mk_" + keyId + "_" + secret.substring(1) + "=")).isEmpty();
        assertThat(MerchantApiKeys.parse(null)).isEmpty();
    }
}
