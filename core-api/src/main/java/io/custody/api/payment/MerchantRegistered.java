package io.custody.api.payment;

import io.custody.api.wallet.DestinationAddress;
import io.custody.api.wallet.OrganisationId;
import io.custody.api.wallet.WalletId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A merchant exists, with where its payments go. */
@Revision("1")
public record MerchantRegistered(MerchantId merchantId, String name, DestinationAddress directWallet,
                                 WalletId custodyWallet, DestinationAddress custodyAddress, Instant at,
                                 OrganisationId organisation) {

    /** A merchant of no organisation: only events recorded before organisations existed have none. */
    public MerchantRegistered(MerchantId merchantId, String name, DestinationAddress directWallet,
                              WalletId custodyWallet, DestinationAddress custodyAddress, Instant at) {
        this(merchantId, name, directWallet, custodyWallet, custodyAddress, at, null);
    }
}
