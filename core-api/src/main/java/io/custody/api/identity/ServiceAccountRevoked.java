package io.custody.api.identity;

import io.custody.api.wallet.OrganisationId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An API client's token no longer authenticates. */
@Revision("1")
public record ServiceAccountRevoked(ServiceAccountId serviceAccount, OrganisationId organisation,
                                    Instant revokedAt) {
}
