package io.custody.api.wallet;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sent by the provisioning saga when attempt {@code attempt} of the key generation failed for good. */
public record RecordWalletProvisioningFailure(@TargetAggregateIdentifier WalletId walletId, int attempt,
                                              String reason) {
}
