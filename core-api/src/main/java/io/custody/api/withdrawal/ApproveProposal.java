package io.custody.api.withdrawal;

import io.custody.api.wallet.SignerAddress;
import io.custody.api.wallet.WalletId;
import org.axonframework.commandhandling.RoutingKey;

/**
 * A signer approves a proposal: a key signer with a signature over its signing payload, a passkey signer with a
 * WebAuthn assertion over the approval challenge ({@link PasskeyApprovalChallenge}); exactly one of the two. Repeating
 * it changes nothing.
 */
public record ApproveProposal(@RoutingKey WalletId walletId, ProposalId proposalId,
                              SignerAddress signer, SignerSignature signature, PasskeyAssertion passkey) {

    /** A key signer's approval. */
    public ApproveProposal(WalletId walletId, ProposalId proposalId, SignerAddress signer, SignerSignature signature) {
        this(walletId, proposalId, signer, signature, null);
    }
}
