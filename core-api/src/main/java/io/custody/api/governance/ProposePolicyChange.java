package io.custody.api.governance;

import io.custody.api.wallet.WalletId;
import java.time.Instant;
import org.axonframework.commandhandling.RoutingKey;

/**
 * Opens a policy change of a wallet for its signers to approve. The organisation comes from the caller; repeating the
 * request with the same id and content changes nothing.
 */
public record ProposePolicyChange(@RoutingKey WalletId walletId, PolicyChangeId changeId, PolicyChange change,
                                  Instant expiresAt) {
}
