package io.custody.api.wallet;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Gives a custody wallet a new display name; renaming to the current name changes nothing. */
public record RenameCustodyWallet(@TargetAggregateIdentifier WalletId walletId, String name) {
}
