package io.custody.api.payment;

import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.DestinationAddress;
import io.custody.api.wallet.WalletId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A payment was routed. For {@link Routing#ESCROW} it is the escrow transaction of seed Property 5: payment id,
 * amount, token, timestamp and idempotency key, plus the custody wallet it went to.
 *
 * @param custodyWallet {@code null} for direct payments
 */
@Revision("1")
public record PaymentRouted(MerchantId merchantId, IdempotencyKey idempotencyKey, PaymentId paymentId, String payer,
                            TokenId token, Amount amount, Routing routing, WalletId custodyWallet,
                            DestinationAddress destination, Instant routedAt) {

    public RoutingResult result() {
        return new RoutingResult(merchantId, paymentId, idempotencyKey, routing, custodyWallet, destination, token,
                amount, routedAt);
    }
}
