package io.custody.api.wallet;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks for a new custody wallet controlled by {@code signers}, any {@code threshold} of whom approve withdrawals.
 * Sending it again with the same id and the same content is harmless; the same id with other content is refused.
 */
public record CreateCustodyWallet(
        @TargetAggregateIdentifier WalletId walletId,
        OrganisationId organisation,
        String name,
        List<SignerAddress> signers,
        int threshold,
        ChainFamily chainFamily) {

    public CreateCustodyWallet {
        signers = signers == null ? null : List.copyOf(signers);
    }
}
