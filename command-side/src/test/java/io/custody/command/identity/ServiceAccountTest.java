package io.custody.command.identity;

import io.custody.api.error.Reason;
import io.custody.api.identity.Caller;
import io.custody.api.identity.CreateServiceAccount;
import io.custody.api.identity.RegisterServiceAccountKey;
import io.custody.api.identity.RevokeServiceAccount;
import io.custody.api.identity.RevokeServiceAccountKey;
import io.custody.api.identity.Role;
import io.custody.api.identity.ServiceAccountCreated;
import io.custody.api.identity.ServiceAccountId;
import io.custody.api.identity.ServiceAccountKeyRegistered;
import io.custody.api.identity.ServiceAccountKeyRevoked;
import io.custody.api.identity.ServiceAccountRevoked;
import io.custody.api.wallet.OrganisationId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServiceAccountTest {

    static final Instant NOW = OrganisationTest.NOW;
    static final ServiceAccountId ID = ServiceAccountId.random();
    static final OrganisationId ACME = new OrganisationId("acme");
    static final String HASH = Secrets.hash(Secrets.newSecret());

    private AggregateTestFixture<ServiceAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ServiceAccount.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static ServiceAccountCreated created() {
        return new ServiceAccountCreated(ID, ACME, "Reports", Set.of(Role.VIEWER), HASH, NOW);
    }

    @Test
    void a_service_account_is_bound_to_its_organisation_and_roles_and_keeps_only_the_token_hash() {
        fixture.givenNoPriorActivity()
                .when(new CreateServiceAccount(ID, ACME, "Reports", Set.of(Role.VIEWER), HASH))
                .expectEvents(created());
    }

    @Test
    void a_token_that_is_not_a_sha256_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new CreateServiceAccount(ID, ACME, "Reports", Set.of(Role.VIEWER), "plain-text-token"))
                .expectExceptionDetails(OrganisationTest.rejection(Reason.INVALID_FIELD)).expectNoEvents();
    }

    @Test
    void revoking_twice_is_harmless() {
        fixture.given(created(), new ServiceAccountRevoked(ID, ACME, NOW))
                .when(new RevokeServiceAccount(ID), MetaData.from(Map.of(Caller.ORGANISATION, "acme")))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void another_organisation_cannot_revoke_it_and_is_answered_as_for_a_missing_account() {
        fixture.given(created())
                .when(new RevokeServiceAccount(ID), MetaData.from(Map.of(Caller.ORGANISATION, "mallory-inc")))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void its_own_organisation_revokes_it() {
        fixture.given(created())
                .when(new RevokeServiceAccount(ID), MetaData.from(Map.of(Caller.ORGANISATION, "acme")))
                .expectEvents(new ServiceAccountRevoked(ID, ACME, NOW));
    }

    static final String KEY = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k";
    static final String JWK = "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}";
    static final MetaData ACME_CALLER = MetaData.from(Map.of(Caller.ORGANISATION, "acme"));

    static ServiceAccountKeyRegistered keyRegistered(String keyId) {
        return new ServiceAccountKeyRegistered(ID, ACME, keyId, "EdDSA", JWK, NOW);
    }

    @Test
    void its_organisation_registers_a_key_and_the_same_key_again_changes_nothing() {
        fixture.given(created())
                .when(new RegisterServiceAccountKey(ID, KEY, "EdDSA", JWK), ACME_CALLER)
                .expectEvents(keyRegistered(KEY));
        fixture.given(created(), keyRegistered(KEY))
                .when(new RegisterServiceAccountKey(ID, KEY, "EdDSA", JWK), ACME_CALLER)
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void another_organisation_cannot_register_or_revoke_a_key_and_is_answered_as_for_a_missing_account() {
        fixture.given(created())
                .when(new RegisterServiceAccountKey(ID, KEY, "EdDSA", JWK),
                        MetaData.from(Map.of(Caller.ORGANISATION, "mallory-inc")))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
        fixture.given(created(), keyRegistered(KEY))
                .when(new RevokeServiceAccountKey(ID, KEY), MetaData.from(Map.of(Caller.ORGANISATION, "mallory-inc")))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void a_revoked_account_gets_no_key_and_a_revoked_key_never_comes_back() {
        fixture.given(created(), new ServiceAccountRevoked(ID, ACME, NOW))
                .when(new RegisterServiceAccountKey(ID, KEY, "EdDSA", JWK), ACME_CALLER)
                .expectExceptionDetails(OrganisationTest.rejection(Reason.SERVICE_ACCOUNT_REVOKED)).expectNoEvents();
        fixture.given(created(), keyRegistered(KEY), new ServiceAccountKeyRevoked(ID, ACME, KEY, NOW))
                .when(new RegisterServiceAccountKey(ID, KEY, "EdDSA", JWK), ACME_CALLER)
                .expectExceptionDetails(OrganisationTest.rejection(Reason.KEY_REVOKED)).expectNoEvents();
    }

    @Test
    void at_most_five_keys_are_active_at_once() {
        Object[] five = new Object[6];
        five[0] = created();
        for (int i = 1; i <= 5; i++) five[i] = keyRegistered(KEY.substring(0, 42) + i);
        fixture.given(five)
                .when(new RegisterServiceAccountKey(ID, KEY, "EdDSA", JWK), ACME_CALLER)
                .expectExceptionDetails(OrganisationTest.rejection(Reason.TOO_MANY_KEYS)).expectNoEvents();
    }

    @Test
    void a_key_is_revoked_once_and_an_unknown_key_is_not_found() {
        fixture.given(created(), keyRegistered(KEY))
                .when(new RevokeServiceAccountKey(ID, KEY), ACME_CALLER)
                .expectEvents(new ServiceAccountKeyRevoked(ID, ACME, KEY, NOW));
        fixture.given(created(), keyRegistered(KEY), new ServiceAccountKeyRevoked(ID, ACME, KEY, NOW))
                .when(new RevokeServiceAccountKey(ID, KEY), ACME_CALLER)
                .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.given(created())
                .when(new RevokeServiceAccountKey(ID, KEY), ACME_CALLER)
                .expectExceptionDetails(OrganisationTest.rejection(Reason.KEY_NOT_FOUND)).expectNoEvents();
    }
}
