package io.custody.api.wallet;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent by the provisioning saga when key generation cannot start yet (e.g. the MPC nodes' safe-prime pools are still
 * filling) and it waits rather than fails, so that the wait is visible in the wallet's status and history.
 */
public record ReportWalletProvisioningWaiting(@TargetAggregateIdentifier WalletId walletId, int attempt,
                                              String reason) {
}
