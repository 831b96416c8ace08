package io.custody.api.governance;

import io.custody.api.wallet.SignerAddress;
import io.custody.api.withdrawal.PasskeyAssertion;
import io.custody.api.withdrawal.SignerSignature;
import io.custody.api.wallet.WalletId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The change was stopped before it took effect: by a signer ({@code signer} and its {@code signature} over the cancel
 * payload, or a passkey signer's assertion in {@code passkey}) or by an organisation administrator ({@code signer} null; the caller is in the event's metadata).
 */
@Revision("1")
public record PolicyChangeCancelled(WalletId walletId, PolicyChangeId changeId, SignerAddress signer,
                                    SignerSignature signature, Instant at, PasskeyAssertion passkey) {

    /** A key signer's cancellation, or (signer and signature null) an administrator's. */
    public PolicyChangeCancelled(WalletId walletId, PolicyChangeId changeId, SignerAddress signer,
                                 SignerSignature signature, Instant at) {
        this(walletId, changeId, signer, signature, at, null);
    }
}
