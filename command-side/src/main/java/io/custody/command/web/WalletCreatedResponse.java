package io.custody.command.web;

/** Answer to a wallet creation: the id, and where the wallet's read model and event stream will be. */
public record WalletCreatedResponse(String walletId, String self, String events) {

    static WalletCreatedResponse of(String walletId) {
        String self = "/api/v1/wallets/" + walletId;
        return new WalletCreatedResponse(walletId, self, self + "/events");
    }
}
