package io.custody.api.payment;

/** Where a payment goes: into the merchant's custody wallet (escrow) or straight to its own wallet. */
public enum Routing {
    ESCROW,
    DIRECT
}
