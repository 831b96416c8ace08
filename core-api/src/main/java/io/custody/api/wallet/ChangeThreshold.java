package io.custody.api.wallet;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Changes how many signers must approve; must satisfy seed Property 1 with the current signers. */
public record ChangeThreshold(@TargetAggregateIdentifier WalletId walletId, int threshold) {
}
