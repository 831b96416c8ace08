package io.custody.query.payment;

import java.time.Instant;

/** A routed payment as the read API shows it; for routing ESCROW, the escrow transaction of seed Property 5. */
public record EscrowTransactionView(String merchantId, String paymentId, String idempotencyKey, String payer,
                                    String token, String amount, String routing, String custodyWalletId,
                                    String destination, Instant routedAt) {
}
