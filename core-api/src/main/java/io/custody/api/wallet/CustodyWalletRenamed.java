package io.custody.api.wallet;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A custody wallet's display name changed. */
@Revision("1")
public record CustodyWalletRenamed(WalletId walletId, String name, Instant renamedAt) {
}
