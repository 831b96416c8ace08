package io.custody.api.governance;

import io.custody.api.wallet.WalletId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The change took effect; the wallet's own events of the change (SignerAdded, ThresholdChanged, ...) are appended in
 * the same transaction.
 */
@Revision("1")
public record PolicyChangeApplied(WalletId walletId, PolicyChangeId changeId, Instant at) {
}
