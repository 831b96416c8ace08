package io.custody.api.payment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Revokes a merchant's API key: it stops authenticating as soon as the command returns. Revoking again changes
 * nothing.
 */
public record RevokeMerchantApiKey(@TargetAggregateIdentifier MerchantId merchantId, String keyId) {
}
