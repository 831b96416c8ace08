package io.custody.api.payment;

import io.custody.api.wallet.OrganisationId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A merchant's API key was revoked; it never authenticates again and its id is never issued again. */
@Revision("1")
public record MerchantApiKeyRevoked(MerchantId merchantId, OrganisationId organisation, String keyId,
                                    Instant revokedAt) {
}
