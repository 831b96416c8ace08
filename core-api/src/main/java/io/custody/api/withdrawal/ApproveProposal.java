package io.custody.api.withdrawal;

import io.custody.api.wallet.SignerAddress;
import io.custody.api.wallet.WalletId;
import org.axonframework.commandhandling.RoutingKey;

/** A signer approves a proposal with a signature over its signing payload; repeating it changes nothing. */
public record ApproveProposal(@RoutingKey WalletId walletId, ProposalId proposalId,
                              SignerAddress signer, SignerSignature signature) {
}
