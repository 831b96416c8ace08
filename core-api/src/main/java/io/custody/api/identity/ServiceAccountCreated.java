package io.custody.api.identity;

import io.custody.api.wallet.OrganisationId;
import java.time.Instant;
import java.util.Set;
import org.axonframework.serialization.Revision;

/** An API client exists; it authenticates with the token whose SHA-256 is {@code tokenHash}. */
@Revision("1")
public record ServiceAccountCreated(ServiceAccountId serviceAccount, OrganisationId organisation, String name,
                                    Set<Role> roles, String tokenHash, Instant createdAt) {
}
