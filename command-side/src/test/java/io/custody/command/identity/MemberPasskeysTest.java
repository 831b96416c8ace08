package io.custody.command.identity;

import io.custody.api.error.Reason;
import io.custody.api.identity.MemberId;
import io.custody.api.identity.PasskeyCloneSuspected;
import io.custody.api.identity.PasskeyRegistered;
import io.custody.api.identity.PasskeyRevoked;
import io.custody.api.identity.PasskeyUsed;
import io.custody.api.identity.RecordPasskeyUse;
import io.custody.api.identity.RegisterPasskey;
import io.custody.api.identity.RevokePasskey;
import io.custody.api.wallet.OrganisationId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MemberPasskeysTest {

    static final Instant NOW = OrganisationTest.NOW;
    static final MemberId ADA = MemberId.random();
    static final OrganisationId ACME = new OrganisationId("acme");

    private AggregateTestFixture<MemberPasskeys> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(MemberPasskeys.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static PasskeyRegistered registered(String id, long counter) {
        return new PasskeyRegistered(ADA, ACME, id, "pQECAyYg", counter, "none", true, false, "Laptop", NOW);
    }

    @Test
    void a_verified_registration_is_recorded_with_its_counter_and_backup_flags() {
        fixture.givenNoPriorActivity()
                .when(new RegisterPasskey(ADA, ACME, "cred-1", "pQECAyYg", 0, "none", true, false, " Laptop "))
                .expectEvents(registered("cred-1", 0));
    }

    @Test
    void an_advancing_counter_is_accepted() {
        fixture.given(registered("cred-1", 5))
                .when(new RecordPasskeyUse(ADA, "cred-1", 6, true))
                .expectEvents(new PasskeyUsed(ADA, "cred-1", 6, true, NOW))
                .expectResultMessagePayload(PasskeyUseOutcome.ACCEPTED);
    }

    @Test
    void a_counter_that_stays_at_zero_is_not_supported_and_not_a_clone() {
        fixture.given(registered("cred-1", 0), new PasskeyUsed(ADA, "cred-1", 0, true, NOW))
                .when(new RecordPasskeyUse(ADA, "cred-1", 0, true))
                .expectEvents(new PasskeyUsed(ADA, "cred-1", 0, true, NOW))
                .expectResultMessagePayload(PasskeyUseOutcome.ACCEPTED);
    }

    @Test
    void a_counter_that_goes_backwards_is_refused_and_recorded_as_a_possible_clone() {
        fixture.given(registered("cred-1", 5), new PasskeyUsed(ADA, "cred-1", 9, false, NOW))
                .when(new RecordPasskeyUse(ADA, "cred-1", 7, false))
                .expectEvents(new PasskeyCloneSuspected(ADA, "cred-1", 9, 7, NOW))
                .expectResultMessagePayload(PasskeyUseOutcome.CLONE_SUSPECTED);
    }

    @Test
    void a_counter_that_repeats_is_a_regression_too() {
        fixture.given(registered("cred-1", 5))
                .when(new RecordPasskeyUse(ADA, "cred-1", 5, false))
                .expectEvents(new PasskeyCloneSuspected(ADA, "cred-1", 5, 5, NOW))
                .expectResultMessagePayload(PasskeyUseOutcome.CLONE_SUSPECTED);
    }

    @Test
    void a_revoked_passkey_no_longer_signs_in() {
        fixture.given(registered("cred-1", 0), registered("cred-2", 0), new PasskeyRevoked(ADA, "cred-1", NOW))
                .when(new RecordPasskeyUse(ADA, "cred-1", 0, false))
                .expectNoEvents()
                .expectResultMessagePayload(PasskeyUseOutcome.REVOKED);
    }

    @Test
    void another_members_credential_is_unknown_here() {
        fixture.given(registered("cred-1", 0))
                .when(new RecordPasskeyUse(ADA, "someone-elses", 3, false))
                .expectNoEvents()
                .expectResultMessagePayload(PasskeyUseOutcome.UNKNOWN);
    }

    @Test
    void the_last_active_passkey_cannot_be_revoked_but_one_of_two_can() {
        fixture.given(registered("cred-1", 0))
                .when(new RevokePasskey(ADA, "cred-1"))
                .expectExceptionDetails(OrganisationTest.rejection(Reason.LAST_PASSKEY)).expectNoEvents();
        setUp();
        fixture.given(registered("cred-1", 0), registered("cred-2", 0))
                .when(new RevokePasskey(ADA, "cred-1"))
                .expectEvents(new PasskeyRevoked(ADA, "cred-1", NOW));
    }
}
