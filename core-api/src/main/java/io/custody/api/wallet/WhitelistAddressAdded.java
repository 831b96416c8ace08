package io.custody.api.wallet;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A destination joined the wallet's whitelist. */
@Revision("1")
public record WhitelistAddressAdded(WalletId walletId, DestinationAddress address, Instant at) {
}
