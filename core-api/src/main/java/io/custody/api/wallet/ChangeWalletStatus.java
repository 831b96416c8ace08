package io.custody.api.wallet;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Suspends, reactivates or closes a wallet. Closing is final. */
public record ChangeWalletStatus(@TargetAggregateIdentifier WalletId walletId, WalletStatus status, String reason) {
}
