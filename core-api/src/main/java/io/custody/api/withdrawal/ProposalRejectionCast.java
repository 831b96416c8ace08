package io.custody.api.withdrawal;

import io.custody.api.wallet.SignerAddress;
import io.custody.api.wallet.WalletId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A signer's verified vote against a proposal (the proposal itself may still be pending), with its evidence: the key
 * signer's {@code signature}, or the passkey signer's whole WebAuthn assertion ({@code passkey}). Revision 2 added
 * {@code passkey}; events of revision 1 read it as {@code null}.
 */
@Revision("2")
public record ProposalRejectionCast(WalletId walletId, ProposalId proposalId, SignerAddress signer,
                                    SignerSignature signature, String reason, Instant at, PasskeyAssertion passkey) {

    /** A key signer's rejection. */
    public ProposalRejectionCast(WalletId walletId, ProposalId proposalId, SignerAddress signer,
                                 SignerSignature signature, String reason, Instant at) {
        this(walletId, proposalId, signer, signature, reason, at, null);
    }
}
