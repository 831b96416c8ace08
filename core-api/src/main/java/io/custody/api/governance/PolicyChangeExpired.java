package io.custody.api.governance;

import io.custody.api.wallet.WalletId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The change did not reach its quorum before it expired. */
@Revision("1")
public record PolicyChangeExpired(WalletId walletId, PolicyChangeId changeId, Instant at) {
}
