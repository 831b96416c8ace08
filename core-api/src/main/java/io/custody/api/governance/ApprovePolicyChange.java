package io.custody.api.governance;

import io.custody.api.wallet.SignerAddress;
import io.custody.api.wallet.WalletId;
import io.custody.api.withdrawal.SignerSignature;
import org.axonframework.commandhandling.RoutingKey;

/** A wallet signer approves a policy change with its signature over the change's signing payload. */
public record ApprovePolicyChange(@RoutingKey WalletId walletId, PolicyChangeId changeId, SignerAddress signer,
                                  SignerSignature signature) {
}
