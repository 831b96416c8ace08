package io.custody.api.payment;

import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Routes a payment to a merchant (seed Properties 3, 4, 5): into escrow when the merchant has a custody wallet, else
 * to its direct wallet. The same key with the same payload returns the first result and stores nothing new; the same
 * key with another payload is an idempotency conflict.
 *
 * @param payer the paying address as the payment gateway saw it, or {@code null}
 */
public record RoutePayment(@TargetAggregateIdentifier MerchantId merchantId, IdempotencyKey idempotencyKey,
                           PaymentId paymentId, String payer, TokenId token, Amount amount) {
}
