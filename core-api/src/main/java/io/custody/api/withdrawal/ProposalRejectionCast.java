package io.custody.api.withdrawal;

import io.custody.api.wallet.SignerAddress;
import io.custody.api.wallet.WalletId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A signer's verified vote against a proposal (the proposal itself may still be pending). */
@Revision("1")
public record ProposalRejectionCast(WalletId walletId, ProposalId proposalId, SignerAddress signer,
                                    SignerSignature signature, String reason, Instant at) {
}
