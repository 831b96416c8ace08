package io.custody.api.governance;

import io.custody.api.wallet.SignerAddress;
import io.custody.api.wallet.WalletId;
import io.custody.api.withdrawal.SignerSignature;
import org.axonframework.commandhandling.RoutingKey;

/**
 * Stops a policy change before it takes effect: a wallet signer with its signature over the "cancel" payload, or,
 * with {@code signer} and {@code signature} both {@code null}, an organisation administrator (the web layer checks the
 * role; the caller is in the command's metadata).
 */
public record CancelPolicyChange(@RoutingKey WalletId walletId, PolicyChangeId changeId, SignerAddress signer,
                                 SignerSignature signature) {
}
