package io.custody.api.withdrawal;

import io.custody.api.wallet.SignerAddress;
import io.custody.api.wallet.WalletId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A signer's verified approval of a proposal, with its evidence: the key signer's {@code signature}, or the passkey
 * signer's whole WebAuthn assertion ({@code passkey}), so that it can be verified again offline. Revision 2 added
 * {@code passkey}; events of revision 1 read it as {@code null}.
 */
@Revision("2")
public record ProposalApproved(WalletId walletId, ProposalId proposalId, SignerAddress signer,
                               SignerSignature signature, Instant at, PasskeyAssertion passkey) {

    /** A key signer's approval. */
    public ProposalApproved(WalletId walletId, ProposalId proposalId, SignerAddress signer, SignerSignature signature,
                            Instant at) {
        this(walletId, proposalId, signer, signature, at, null);
    }
}
