package io.custody.api.identity;

import io.custody.api.wallet.OrganisationId;
import java.time.Instant;
import java.util.Set;
import org.axonframework.serialization.Revision;

/** A person became a member by accepting {@code invitation}. */
@Revision("1")
public record MemberJoined(OrganisationId organisation, MemberId member, String displayName, Set<Role> roles,
                           InvitationId invitation, Instant joinedAt) {
}
