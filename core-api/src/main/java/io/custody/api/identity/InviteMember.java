package io.custody.api.identity;

import io.custody.api.wallet.OrganisationId;
import java.time.Instant;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Invites a person to join with {@code roles}. Only the SHA-256 of the invitation's secret travels; the secret itself
 * is in the link handed to the person and nowhere else.
 */
public record InviteMember(@TargetAggregateIdentifier OrganisationId organisation, InvitationId invitation,
                           Set<Role> roles, String secretHash, Instant expiresAt) {
}
