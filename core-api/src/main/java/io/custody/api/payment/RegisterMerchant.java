package io.custody.api.payment;

import io.custody.api.wallet.DestinationAddress;
import io.custody.api.wallet.WalletId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Registers a merchant with its direct wallet and, optionally, the custody wallet (and its on-chain address) that
 * receives its payments in escrow. Registering again with the same content is harmless.
 *
 * @param custodyWallet  {@code null} for a merchant without custody
 * @param custodyAddress the custody wallet's deposit address; required exactly when {@code custodyWallet} is set
 */
public record RegisterMerchant(@TargetAggregateIdentifier MerchantId merchantId, String name,
                               DestinationAddress directWallet, WalletId custodyWallet,
                               DestinationAddress custodyAddress) {
}
