package io.custody.api.wallet;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sets how many hours a ready withdrawal waits before it may execute (0 allowed). */
public record SetWithdrawalDelay(@TargetAggregateIdentifier WalletId walletId, int hours) {
}
