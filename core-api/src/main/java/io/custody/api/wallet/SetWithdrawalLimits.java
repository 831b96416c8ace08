package io.custody.api.wallet;

import io.custody.api.money.TokenId;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sets (or, with all limits null, clears) the withdrawal limits of one token. */
public record SetWithdrawalLimits(@TargetAggregateIdentifier WalletId walletId, TokenId token, TokenLimits limits) {
}
