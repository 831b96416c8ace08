package io.custody.api.governance;

import io.custody.api.wallet.SignerAddress;
import io.custody.api.wallet.WalletId;
import io.custody.api.withdrawal.PasskeyAssertion;
import io.custody.api.withdrawal.SignerSignature;
import org.axonframework.commandhandling.RoutingKey;

/**
 * Stops a policy change before it takes effect: a wallet signer with its signature over the "cancel" payload (a
 * passkey signer with its assertion), or, with {@code signer}, {@code signature} and {@code passkey} all {@code null},
 * an organisation administrator (the web layer checks the
 * role; the caller is in the command's metadata).
 */
public record CancelPolicyChange(@RoutingKey WalletId walletId, PolicyChangeId changeId, SignerAddress signer,
                                 SignerSignature signature, PasskeyAssertion passkey) {

    /** A key signer's cancellation, or (all null) an administrator's. */
    public CancelPolicyChange(WalletId walletId, PolicyChangeId changeId, SignerAddress signer,
                              SignerSignature signature) {
        this(walletId, changeId, signer, signature, null);
    }
}
