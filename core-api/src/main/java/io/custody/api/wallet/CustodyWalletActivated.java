package io.custody.api.wallet;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The wallet's key exists: from now on it has an address and accepts deposits and proposals. Public data only. */
@Revision("1")
public record CustodyWalletActivated(WalletId walletId, String keyId, String publicKey, String address, Instant at) {
}
