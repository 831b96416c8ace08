package io.custody.api.wallet;

import io.custody.api.money.TokenId;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The withdrawal limits of one token changed. */
@Revision("1")
public record WithdrawalLimitsSet(WalletId walletId, TokenId token, TokenLimits limits, Instant at) {
}
