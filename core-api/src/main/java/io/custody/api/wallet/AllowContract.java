package io.custody.api.wallet;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Allows the wallet's transaction proposals to call {@code functions} of {@code contract} (canonical ABI signatures;
 * a wallet calls no contract and no function it has not allowed). Sent again it replaces the entry.
 *
 * @param label        what operators call the contract, shown with its proposals
 * @param minApprovals approvals every call to it needs at least, on top of the wallet's threshold rule (0: the
 *                     threshold alone); capped at the number of signers when a proposal is made
 */
public record AllowContract(@TargetAggregateIdentifier WalletId walletId, DestinationAddress contract, String label,
                            List<String> functions, int minApprovals) {
}
