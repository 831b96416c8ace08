package io.custody.api.identity;

import io.custody.api.wallet.OrganisationId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Starts an organisation with its first administrator; sent once per installation by the bootstrap enrolment. */
public record FoundOrganisation(@TargetAggregateIdentifier OrganisationId organisation, String name,
                                MemberId firstAdmin, String adminName) {
}
