package io.custody.api.wallet;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Takes a contract off the wallet's allowed list: no new proposal may call it (open ones keep their decision). */
public record DisallowContract(@TargetAggregateIdentifier WalletId walletId, DestinationAddress contract) {
}
