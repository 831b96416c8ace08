package io.custody.api.governance;

import io.custody.api.wallet.SignerAddress;
import io.custody.api.wallet.WalletId;
import io.custody.api.withdrawal.PasskeyAssertion;
import io.custody.api.withdrawal.SignerSignature;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A signer's verified approval of a policy change, with its evidence so it can be verified again offline: a key
 * signer's {@code signature}, or a passkey signer's whole WebAuthn assertion ({@code passkey}).
 */
@Revision("1")
public record PolicyChangeApproved(WalletId walletId, PolicyChangeId changeId, SignerAddress signer,
                                   SignerSignature signature, Instant at, PasskeyAssertion passkey) {

    /** A key signer's approval. */
    public PolicyChangeApproved(WalletId walletId, PolicyChangeId changeId, SignerAddress signer,
                                SignerSignature signature, Instant at) {
        this(walletId, changeId, signer, signature, at, null);
    }
}
