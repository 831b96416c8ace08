package io.custody.api.wallet;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** A custody wallet exists, with its signer set and threshold; its key is yet to be generated. */
@Revision("1")
public record CustodyWalletCreated(
        WalletId walletId,
        OrganisationId organisation,
        String name,
        List<SignerAddress> signers,
        Threshold threshold,
        ChainFamily chainFamily,
        Instant createdAt) {

    public CustodyWalletCreated {
        signers = List.copyOf(signers);
    }
}
