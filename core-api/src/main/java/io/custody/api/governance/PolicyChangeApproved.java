package io.custody.api.governance;

import io.custody.api.wallet.SignerAddress;
import io.custody.api.wallet.WalletId;
import io.custody.api.withdrawal.SignerSignature;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A signer's verified approval of a policy change, with its signature so it can be verified again offline. */
@Revision("1")
public record PolicyChangeApproved(WalletId walletId, PolicyChangeId changeId, SignerAddress signer,
                                   SignerSignature signature, Instant at) {
}
