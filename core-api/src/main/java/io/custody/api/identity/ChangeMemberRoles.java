package io.custody.api.identity;

import io.custody.api.wallet.OrganisationId;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sets a member's roles; the organisation always keeps at least one administrator. */
public record ChangeMemberRoles(@TargetAggregateIdentifier OrganisationId organisation, MemberId member,
                                Set<Role> roles) {
}
