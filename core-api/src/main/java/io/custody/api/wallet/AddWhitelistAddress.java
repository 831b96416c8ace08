package io.custody.api.wallet;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds a destination to the wallet's whitelist; once the list is non-empty only listed destinations may receive withdrawals. */
public record AddWhitelistAddress(@TargetAggregateIdentifier WalletId walletId, DestinationAddress address) {
}
