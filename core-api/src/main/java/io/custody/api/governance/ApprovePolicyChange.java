package io.custody.api.governance;

import io.custody.api.wallet.SignerAddress;
import io.custody.api.wallet.WalletId;
import io.custody.api.withdrawal.PasskeyAssertion;
import io.custody.api.withdrawal.SignerSignature;
import org.axonframework.commandhandling.RoutingKey;

/**
 * A wallet signer approves a policy change: a key signer with its signature over the change's signing payload, a
 * passkey signer with a WebAuthn assertion over the challenge derived from it ({@code PasskeyApprovalChallenge});
 * exactly one of the two.
 */
public record ApprovePolicyChange(@RoutingKey WalletId walletId, PolicyChangeId changeId, SignerAddress signer,
                                  SignerSignature signature, PasskeyAssertion passkey) {

    /** A key signer's approval. */
    public ApprovePolicyChange(WalletId walletId, PolicyChangeId changeId, SignerAddress signer,
                               SignerSignature signature) {
        this(walletId, changeId, signer, signature, null);
    }
}
