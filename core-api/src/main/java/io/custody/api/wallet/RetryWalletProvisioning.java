package io.custody.api.wallet;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An operator asks for another key generation of a wallet whose provisioning failed. */
public record RetryWalletProvisioning(@TargetAggregateIdentifier WalletId walletId) {
}
