package io.custody.api.withdrawal;

import io.custody.api.wallet.SignerAddress;
import io.custody.api.wallet.WalletId;
import org.axonframework.commandhandling.RoutingKey;

/**
 * A signer rejects a proposal: a key signer with a signature over its signing payload, a passkey signer with a
 * WebAuthn assertion over the rejection challenge ({@link PasskeyApprovalChallenge}); exactly one of the two. Repeating
 * it changes nothing.
 */
public record RejectProposal(@RoutingKey WalletId walletId, ProposalId proposalId,
                             SignerAddress signer, SignerSignature signature, String reason, PasskeyAssertion passkey) {

    /** A key signer's rejection. */
    public RejectProposal(WalletId walletId, ProposalId proposalId, SignerAddress signer, SignerSignature signature,
                          String reason) {
        this(walletId, proposalId, signer, signature, reason, null);
    }
}
