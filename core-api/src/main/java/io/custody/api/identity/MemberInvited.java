package io.custody.api.identity;

import io.custody.api.wallet.OrganisationId;
import java.time.Instant;
import java.util.Set;
import org.axonframework.serialization.Revision;

/** An invitation was issued; it can be accepted once, before {@code expiresAt}. */
@Revision("1")
public record MemberInvited(OrganisationId organisation, InvitationId invitation, Set<Role> roles, String secretHash,
                            Instant expiresAt, Instant invitedAt) {
}
