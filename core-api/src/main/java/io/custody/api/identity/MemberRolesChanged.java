package io.custody.api.identity;

import io.custody.api.wallet.OrganisationId;
import java.time.Instant;
import java.util.Set;
import org.axonframework.serialization.Revision;

/** A member's roles are now {@code roles}; this takes effect on the member's next request. */
@Revision("1")
public record MemberRolesChanged(OrganisationId organisation, MemberId member, Set<Role> roles, Instant changedAt) {
}
