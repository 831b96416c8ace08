package io.custody.command.payment;

import io.custody.api.payment.Routing;
import io.custody.api.wallet.DestinationAddress;
import io.custody.api.wallet.WalletId;

/** Seed Property 4 as a function: a merchant with a custody wallet is paid into it, any other merchant directly. */
public final class PaymentRouting {

    /** Where one payment goes. */
    public record Route(Routing routing, WalletId custodyWallet, DestinationAddress destination) {
    }

    private PaymentRouting() {
    }

    public static Route route(DestinationAddress directWallet, WalletId custodyWallet, DestinationAddress custodyAddress) {
        if (custodyWallet != null && custodyAddress != null) {
            return new Route(Routing.ESCROW, custodyWallet, custodyAddress);
        }
        return new Route(Routing.DIRECT, null, directWallet);
    }
}
