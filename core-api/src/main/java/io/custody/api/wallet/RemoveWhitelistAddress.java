package io.custody.api.wallet;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Removes a destination from the whitelist. */
public record RemoveWhitelistAddress(@TargetAggregateIdentifier WalletId walletId, DestinationAddress address) {
}
