package io.custody.command.web;

/** Bodies of the merchant and payment endpoints; raw JSON values, parsed by {@link PaymentCommandController}. */
final class PaymentRequests {

    private PaymentRequests() {
    }

    record RegisterMerchantRequest(String merchantId, String name, String directWallet, String custodyWalletId,
                                   String custodyAddress) {
    }

    record RoutePaymentRequest(String paymentId, String payer, String token, String amount) {
    }
}
