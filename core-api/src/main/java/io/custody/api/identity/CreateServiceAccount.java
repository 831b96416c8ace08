package io.custody.api.identity;

import io.custody.api.wallet.OrganisationId;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Creates an API client of {@code organisation} bound to {@code roles}. Only the SHA-256 of its bearer token travels;
 * the token is shown once to whoever created the account.
 */
public record CreateServiceAccount(@TargetAggregateIdentifier ServiceAccountId serviceAccount,
                                   OrganisationId organisation, String name, Set<Role> roles, String tokenHash) {
}
