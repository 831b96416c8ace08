package io.custody.api.identity;

import io.custody.api.wallet.OrganisationId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A service account's assertion key no longer authenticates, nor do access tokens obtained with it. */
@Revision("1")
public record ServiceAccountKeyRevoked(ServiceAccountId serviceAccount, OrganisationId organisation, String keyId,
                                       Instant revokedAt) {
}
