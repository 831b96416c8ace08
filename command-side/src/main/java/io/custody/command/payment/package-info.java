/**
 * Merchants and payment routing (seed Properties 3, 4, 5): the {@code Merchant} aggregate keeps its idempotency keys,
 * {@code PaymentRouting} decides escrow or direct.
 */
package io.custody.command.payment;
