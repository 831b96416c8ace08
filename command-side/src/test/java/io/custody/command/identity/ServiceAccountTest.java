package io.custody.command.identity;

import io.custody.api.error.Reason;
import io.custody.api.identity.Caller;
import io.custody.api.identity.CreateServiceAccount;
import io.custody.api.identity.RevokeServiceAccount;
import io.custody.api.identity.Role;
import io.custody.api.identity.ServiceAccountCreated;
import io.custody.api.identity.ServiceAccountId;
import io.custody.api.identity.ServiceAccountRevoked;
import io.custody.api.wallet.OrganisationId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.axonframework.messaging.MetaData;
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
    void another_organisation_cannot_revoke_it_and_is_told_it_does_not_exist() {
        fixture.given(created())
                .when(new RevokeServiceAccount(ID), MetaData.from(Map.of(Caller.ORGANISATION, "mallory-inc")))
                .expectExceptionDetails(OrganisationTest.rejection(Reason.SERVICE_ACCOUNT_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void its_own_organisation_revokes_it() {
        fixture.given(created())
                .when(new RevokeServiceAccount(ID), MetaData.from(Map.of(Caller.ORGANISATION, "acme")))
                .expectEvents(new ServiceAccountRevoked(ID, ACME, NOW));
    }
}
