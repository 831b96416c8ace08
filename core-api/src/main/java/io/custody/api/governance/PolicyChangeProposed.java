package io.custody.api.governance;

import io.custody.api.wallet.OrganisationId;
import io.custody.api.wallet.SignerAddress;
import io.custody.api.wallet.Threshold;
import io.custody.api.wallet.WalletId;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A policy change of a wallet is open for approval, decided under the signer set and threshold it snapshots: later
 * signer changes do not change who approves this one. A tightening change needs one approval and takes effect at
 * once; any other needs the threshold and then waits {@code timeLockSeconds} (ADR identity-020).
 */
@Revision("1")
public record PolicyChangeProposed(WalletId walletId, OrganisationId organisation, PolicyChangeId changeId,
                                   PolicyChange change, List<SignerAddress> signers, Threshold threshold,
                                   int requiredApprovals, boolean tightening, long timeLockSeconds, Instant expiresAt, Instant proposedAt) {

    public PolicyChangeProposed {
        signers = List.copyOf(signers);
    }
}
