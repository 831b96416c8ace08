package io.custody.api.identity;

import io.custody.api.wallet.OrganisationId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Turns an invitation into a member; {@code secretHash} must match the invitation's. */
public record AcceptInvitation(@TargetAggregateIdentifier OrganisationId organisation, InvitationId invitation,
                               String secretHash, MemberId member, String displayName) {
}
