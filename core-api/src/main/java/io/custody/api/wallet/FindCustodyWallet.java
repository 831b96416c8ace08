package io.custody.api.wallet;

/** Asks for one wallet's read model. */
public record FindCustodyWallet(WalletId walletId) {
}
