package io.custody.api.deposit;

import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.WalletId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A transfer to the wallet's address is in a block below the confirmation depth: pending incoming, not yet part of
 * the balance. Appended to the deposit's own stream; {@link DepositConfirmed} or {@link DepositRetracted} follows.
 */
@Revision("1")
public record IncomingDepositSeen(WalletId walletId, DepositId depositId, TokenId token, Amount amount,
                                  Instant seenAt) {
}
