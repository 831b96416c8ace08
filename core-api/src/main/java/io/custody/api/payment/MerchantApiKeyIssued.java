package io.custody.api.payment;

import io.custody.api.wallet.OrganisationId;
import java.time.Instant;
import java.util.Set;
import org.axonframework.serialization.Revision;

/**
 * A merchant received an API key. Only the secret's SHA-256 is recorded, never the secret.
 *
 * @param expiresAt {@code null} for a key without expiry
 */
@Revision("1")
public record MerchantApiKeyIssued(MerchantId merchantId, OrganisationId organisation, String keyId, String secretHash,
                                   String label, Set<MerchantApiKeyScope> scopes, Instant expiresAt,
                                   Instant issuedAt) {
}
