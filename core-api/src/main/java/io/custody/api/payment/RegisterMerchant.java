package io.custody.api.payment;

import io.custody.api.wallet.DestinationAddress;
import io.custody.api.wallet.OrganisationId;
import io.custody.api.wallet.WalletId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Registers a merchant with its direct wallet and, optionally, the custody wallet (and its on-chain address) that
 * receives its payments in escrow. Registering again with the same content is harmless.
 *
 * @param custodyWallet  {@code null} for a merchant without custody
 * @param custodyAddress the custody wallet's deposit address; required exactly when {@code custodyWallet} is set
 * @param organisation   the organisation of the caller that registers it; its custody wallet must be that one's
 */
public record RegisterMerchant(@TargetAggregateIdentifier MerchantId merchantId, String name,
                               DestinationAddress directWallet, WalletId custodyWallet,
                               DestinationAddress custodyAddress, OrganisationId organisation) {

    /** Registration by the application itself, for no organisation (tests of the routing rules). */
    public RegisterMerchant(MerchantId merchantId, String name, DestinationAddress directWallet,
                            WalletId custodyWallet, DestinationAddress custodyAddress) {
        this(merchantId, name, directWallet, custodyWallet, custodyAddress, null);
    }
}
