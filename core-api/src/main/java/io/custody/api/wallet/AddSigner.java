package io.custody.api.wallet;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds a signer; the resulting signer set must still satisfy seed Property 1. */
public record AddSigner(@TargetAggregateIdentifier WalletId walletId, SignerAddress signer) {
}
