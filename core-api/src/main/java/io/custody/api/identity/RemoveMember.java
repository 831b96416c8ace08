package io.custody.api.identity;

import io.custody.api.wallet.OrganisationId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Removes a member; their sessions stop working at once. The last administrator cannot be removed. */
public record RemoveMember(@TargetAggregateIdentifier OrganisationId organisation, MemberId member) {
}
