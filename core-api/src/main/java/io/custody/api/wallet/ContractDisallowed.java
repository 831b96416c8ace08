package io.custody.api.wallet;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The contract left the wallet's allowed list. */
@Revision("1")
public record ContractDisallowed(WalletId walletId, DestinationAddress contract, Instant at) {
}
