package io.custody.api.payment;

import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.DestinationAddress;
import io.custody.api.wallet.WalletId;
import java.time.Instant;

/** The answer to {@link RoutePayment}; a repeated request with the same key and payload receives the same value. */
public record RoutingResult(MerchantId merchantId, PaymentId paymentId, IdempotencyKey idempotencyKey,
                            Routing routing, WalletId custodyWallet, DestinationAddress destination, TokenId token,
                            Amount amount, Instant routedAt) {
}
