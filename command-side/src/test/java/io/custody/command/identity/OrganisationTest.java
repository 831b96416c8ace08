package io.custody.command.identity;

import io.custody.api.error.CommandRejectedException;
import io.custody.api.error.Reason;
import io.custody.api.identity.AcceptInvitation;
import io.custody.api.identity.ChangeMemberRoles;
import io.custody.api.identity.FoundOrganisation;
import io.custody.api.identity.InvitationId;
import io.custody.api.identity.InviteMember;
import io.custody.api.identity.MemberId;
import io.custody.api.identity.MemberInvited;
import io.custody.api.identity.MemberJoined;
import io.custody.api.identity.MemberRemoved;
import io.custody.api.identity.MemberRolesChanged;
import io.custody.api.identity.OrganisationFounded;
import io.custody.api.identity.RemoveMember;
import io.custody.api.identity.Role;
import io.custody.api.wallet.OrganisationId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrganisationTest {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final OrganisationId ACME = new OrganisationId("acme");
    static final MemberId ADA = MemberId.random();
    static final MemberId BEN = MemberId.random();
    static final InvitationId INVITATION = InvitationId.random();
    static final String SECRET = Secrets.newSecret();

    private AggregateTestFixture<Organisation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Organisation.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static OrganisationFounded founded() {
        return new OrganisationFounded(ACME, "Acme", ADA, "Ada", NOW);
    }

    static MemberInvited invited(Instant expiresAt) {
        return new MemberInvited(ACME, INVITATION, Set.of(Role.SIGNER), Secrets.hash(SECRET), expiresAt, NOW);
    }

    @Test
    void founding_makes_the_founder_its_first_administrator() {
        fixture.givenNoPriorActivity()
                .when(new FoundOrganisation(ACME, " Acme ", ADA, "Ada"))
                .expectEvents(new OrganisationFounded(ACME, "Acme", ADA, "Ada", NOW));
    }

    @Test
    void an_invitation_with_its_secret_makes_a_member_with_the_invited_roles() {
        fixture.given(founded(), invited(NOW.plusSeconds(3600)))
                .when(new AcceptInvitation(ACME, INVITATION, Secrets.hash(SECRET), BEN, "Ben"))
                .expectEvents(new MemberJoined(ACME, BEN, "Ben", Set.of(Role.SIGNER), INVITATION, NOW))
                .expectResultMessagePayload(BEN);
    }

    @Test
    void an_invitation_accepted_once_cannot_be_accepted_again() {
        fixture.given(founded(), invited(NOW.plusSeconds(3600)),
                        new MemberJoined(ACME, BEN, "Ben", Set.of(Role.SIGNER), INVITATION, NOW))
                .when(new AcceptInvitation(ACME, INVITATION, Secrets.hash(SECRET), MemberId.random(), "Eve"))
                .expectException(CommandRejectedException.class)
                .expectExceptionDetails(rejection(Reason.ENROLMENT_INVALID))
                .expectNoEvents();
    }

    @Test
    void a_wrong_secret_an_expired_and_an_unknown_invitation_are_refused_alike() {
        fixture.given(founded(), invited(NOW.plusSeconds(3600)))
                .when(new AcceptInvitation(ACME, INVITATION, Secrets.hash("wrong"), BEN, "Ben"))
                .expectExceptionDetails(rejection(Reason.ENROLMENT_INVALID)).expectNoEvents();
        setUp();
        fixture.given(founded(), invited(NOW))
                .when(new AcceptInvitation(ACME, INVITATION, Secrets.hash(SECRET), BEN, "Ben"))
                .expectExceptionDetails(rejection(Reason.ENROLMENT_INVALID)).expectNoEvents();
        setUp();
        fixture.given(founded())
                .when(new AcceptInvitation(ACME, InvitationId.random(), Secrets.hash(SECRET), BEN, "Ben"))
                .expectExceptionDetails(rejection(Reason.ENROLMENT_INVALID)).expectNoEvents();
    }

    @Test
    void an_invitation_needs_a_role_and_a_future_expiry() {
        fixture.given(founded())
                .when(new InviteMember(ACME, INVITATION, Set.of(), Secrets.hash(SECRET), NOW.plusSeconds(60)))
                .expectExceptionDetails(rejection(Reason.INVALID_FIELD)).expectNoEvents();
        setUp();
        fixture.given(founded())
                .when(new InviteMember(ACME, INVITATION, Set.of(Role.VIEWER), Secrets.hash(SECRET), NOW))
                .expectExceptionDetails(rejection(Reason.EXPIRY_OUT_OF_RANGE)).expectNoEvents();
    }

    @Test
    void the_last_administrator_can_neither_leave_nor_give_up_the_role() {
        fixture.given(founded())
                .when(new RemoveMember(ACME, ADA))
                .expectExceptionDetails(rejection(Reason.LAST_ADMINISTRATOR)).expectNoEvents();
        setUp();
        fixture.given(founded())
                .when(new ChangeMemberRoles(ACME, ADA, Set.of(Role.VIEWER)))
                .expectExceptionDetails(rejection(Reason.LAST_ADMINISTRATOR)).expectNoEvents();
    }

    @Test
    void with_a_second_administrator_the_first_may_step_down() {
        fixture.given(founded(), invited(NOW.plusSeconds(3600)),
                        new MemberJoined(ACME, BEN, "Ben", Set.of(Role.SIGNER), INVITATION, NOW),
                        new MemberRolesChanged(ACME, BEN, EnumSet.of(Role.ORG_ADMIN), NOW))
                .when(new RemoveMember(ACME, ADA))
                .expectEvents(new MemberRemoved(ACME, ADA, NOW));
    }

    @Test
    void roles_of_someone_who_is_no_member_are_not_found() {
        fixture.given(founded())
                .when(new ChangeMemberRoles(ACME, BEN, Set.of(Role.VIEWER)))
                .expectExceptionDetails(rejection(Reason.MEMBER_NOT_FOUND)).expectNoEvents();
    }

    static org.hamcrest.Matcher<Object> rejection(Reason reason) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof io.custody.api.error.Rejection r && r.reason() == reason;
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("a rejection for " + reason);
            }
        };
    }
}
