package io.custody.api.wallet;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A signer left the wallet; proposals already open keep the signer set they were opened with. */
@Revision("1")
public record SignerRemoved(WalletId walletId, SignerAddress signer, Instant at) {
}
