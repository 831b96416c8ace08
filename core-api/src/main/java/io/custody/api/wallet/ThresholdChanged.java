package io.custody.api.wallet;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The number of approvals a withdrawal needs changed. */
@Revision("1")
public record ThresholdChanged(WalletId walletId, Threshold from, Threshold to, Instant at) {
}
