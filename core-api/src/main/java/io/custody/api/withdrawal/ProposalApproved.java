package io.custody.api.withdrawal;

import io.custody.api.wallet.SignerAddress;
import io.custody.api.wallet.WalletId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A signer's verified approval of a proposal. */
@Revision("1")
public record ProposalApproved(WalletId walletId, ProposalId proposalId, SignerAddress signer,
                               SignerSignature signature, Instant at) {
}
