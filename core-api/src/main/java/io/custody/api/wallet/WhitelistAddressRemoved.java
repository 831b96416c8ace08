package io.custody.api.wallet;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A destination left the wallet's whitelist. */
@Revision("1")
public record WhitelistAddressRemoved(WalletId walletId, DestinationAddress address, Instant at) {
}
