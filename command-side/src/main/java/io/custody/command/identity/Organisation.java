package io.custody.command.identity;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

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
import io.custody.command.common.Rejections;
import io.custody.command.common.DisplayNames;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An organisation (tenant) and its membership: who belongs to it and with which roles, and the invitations not yet
 * accepted. A person's credentials are not part of it.
 */
@Aggregate
public class Organisation {

    @AggregateIdentifier
    private OrganisationId organisation;
    private final Map<MemberId, Set<Role>> members = new HashMap<>();
    private final Map<InvitationId, Invitation> invitations = new HashMap<>();

    private record Invitation(Set<Role> roles, String secretHash, Instant expiresAt, boolean used) {
    }

    protected Organisation() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    public Organisation(FoundOrganisation command, Clock clock) {
        List<String> name = DisplayNames.violations(command.name());
        List<String> admin = DisplayNames.violations(command.adminName());
        if (!name.isEmpty() || !admin.isEmpty()) {
            Map<String, List<String>> details = new HashMap<>();
            if (!name.isEmpty()) details.put("organisationName", name);
            if (!admin.isEmpty()) details.put("displayName", admin);
            throw Rejections.because(Reason.INVALID_TEXT, "Invalid organisation", details);
        }
        apply(new OrganisationFounded(command.organisation(), command.name().strip(), command.firstAdmin(),
                command.adminName().strip(), clock.instant()));
    }

    @CommandHandler
    public void handle(InviteMember command, Clock clock) {
        var problems = RoleSets.violations(command.roles());
        if (!problems.isEmpty()) throw Rejections.invalid("Invalid invitation", problems);
        if (command.expiresAt() == null || !command.expiresAt().isAfter(clock.instant())) {
            throw Rejections.because(Reason.EXPIRY_OUT_OF_RANGE, "Invalid invitation", "expiresAt",
                    "must be in the future");
        }
        if (invitations.containsKey(command.invitation())) {
            return; // the same invitation sent again
        }
        apply(new MemberInvited(organisation, command.invitation(), EnumSet.copyOf(command.roles()),
                command.secretHash(), command.expiresAt(), clock.instant()));
    }

    /**
     * Accepts an invitation. An unknown invitation, a wrong secret, an expired or a used one are refused alike, so a
     * guesser learns nothing about which invitations exist.
     */
    @CommandHandler
    public MemberId handle(AcceptInvitation command, Clock clock) {
        Invitation invitation = invitations.get(command.invitation());
        boolean valid = invitation != null && !invitation.used() && clock.instant().isBefore(invitation.expiresAt())
                && command.secretHash() != null
                && MessageDigest.isEqual(invitation.secretHash().getBytes(StandardCharsets.US_ASCII),
                command.secretHash().getBytes(StandardCharsets.US_ASCII));
        if (!valid) {
            throw Rejections.because(Reason.ENROLMENT_INVALID, "The enrolment link is not valid");
        }
        List<String> name = DisplayNames.violations(command.displayName());
        if (!name.isEmpty()) {
            throw Rejections.because(Reason.INVALID_TEXT, "Invalid display name", Map.of("displayName", name));
        }
        apply(new MemberJoined(organisation, command.member(), command.displayName().strip(), invitation.roles(),
                command.invitation(), clock.instant()));
        return command.member();
    }

    @CommandHandler
    public void handle(ChangeMemberRoles command, Clock clock) {
        requireMember(command.member());
        var problems = RoleSets.violations(command.roles());
        if (!problems.isEmpty()) throw Rejections.invalid("Invalid roles", problems);
        Set<Role> roles = EnumSet.copyOf(command.roles());
        if (roles.equals(members.get(command.member()))) {
            return;
        }
        if (!roles.contains(Role.ORG_ADMIN)) {
            requireAnotherAdmin(command.member());
        }
        apply(new MemberRolesChanged(organisation, command.member(), roles, clock.instant()));
    }

    @CommandHandler
    public void handle(RemoveMember command, Clock clock) {
        requireMember(command.member());
        requireAnotherAdmin(command.member());
        apply(new MemberRemoved(organisation, command.member(), clock.instant()));
    }

    private void requireMember(MemberId member) {
        if (!members.containsKey(member)) {
            throw Rejections.because(Reason.MEMBER_NOT_FOUND, "No member " + member);
        }
    }

    private void requireAnotherAdmin(MemberId leaving) {
        boolean another = members.entrySet().stream()
                .anyMatch(e -> !e.getKey().equals(leaving) && e.getValue().contains(Role.ORG_ADMIN));
        if (!another && members.get(leaving).contains(Role.ORG_ADMIN)) {
            throw Rejections.because(Reason.LAST_ADMINISTRATOR,
                    "The organisation would be left without an administrator");
        }
    }

    @EventSourcingHandler
    void on(OrganisationFounded event) {
        organisation = event.organisation();
        members.put(event.firstAdmin(), EnumSet.of(Role.ORG_ADMIN));
    }

    @EventSourcingHandler
    void on(MemberInvited event) {
        invitations.put(event.invitation(),
                new Invitation(EnumSet.copyOf(event.roles()), event.secretHash(), event.expiresAt(), false));
    }

    @EventSourcingHandler
    void on(MemberJoined event) {
        members.put(event.member(), EnumSet.copyOf(event.roles()));
        invitations.computeIfPresent(event.invitation(),
                (id, i) -> new Invitation(i.roles(), i.secretHash(), i.expiresAt(), true));
    }

    @EventSourcingHandler
    void on(MemberRolesChanged event) {
        members.put(event.member(), EnumSet.copyOf(event.roles()));
    }

    @EventSourcingHandler
    void on(MemberRemoved event) {
        members.remove(event.member());
    }
}
