package io.custody.api.governance;

import io.custody.api.wallet.WalletId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The quorum approved a loosening change: it takes effect at {@code effectiveAt} unless cancelled before. */
@Revision("1")
public record PolicyChangeScheduled(WalletId walletId, PolicyChangeId changeId, Instant effectiveAt, Instant at) {
}
