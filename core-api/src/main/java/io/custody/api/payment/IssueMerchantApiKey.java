package io.custody.api.payment;

import java.time.Instant;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Issues an API key to a merchant. The server made the secret and shows it once; the command carries only its hash.
 *
 * @param keyId      the public half of the key, 32 lower-case hex characters, chosen at random by the server
 * @param secretHash SHA-256 of the secret, lower-case hex
 * @param expiresAt  when the key stops authenticating, or {@code null} for a key that lasts until it is revoked
 */
public record IssueMerchantApiKey(@TargetAggregateIdentifier MerchantId merchantId, String keyId, String secretHash,
                                  String label, Set<MerchantApiKeyScope> scopes, Instant expiresAt) {
}
