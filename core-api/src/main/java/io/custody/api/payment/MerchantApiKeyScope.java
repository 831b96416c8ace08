package io.custody.api.payment;

/**
 * What a merchant API key may do, always for its own merchant only. There is deliberately nothing else: a merchant key
 * never administers, reads wallets or votes (ADR identity-030).
 */
public enum MerchantApiKeyScope {
    /** {@code POST /api/v1/merchants/{merchantId}/payments}: route a payment into escrow or to the direct wallet. */
    ROUTE_PAYMENTS,
    /** {@code GET /api/v1/merchants/{merchantId}/payments}: read the merchant's routed payments. */
    READ_PAYMENTS
}
