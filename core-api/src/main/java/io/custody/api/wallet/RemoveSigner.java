package io.custody.api.wallet;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Removes a signer; refused when the remaining set would break seed Property 1 (lower the threshold first). */
public record RemoveSigner(@TargetAggregateIdentifier WalletId walletId, SignerAddress signer) {
}
