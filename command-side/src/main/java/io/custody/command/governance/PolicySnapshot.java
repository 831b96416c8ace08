package io.custody.command.governance;

import io.custody.api.money.TokenId;
import io.custody.api.wallet.ContractAllowed;
import io.custody.api.wallet.DestinationAddress;
import io.custody.api.wallet.SignerAddress;
import io.custody.api.wallet.TokenLimits;
import io.custody.api.wallet.WalletStatus;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A wallet's policy as a change is judged against it: who signs, how many must, and the rules a withdrawal meets.
 *
 * @param contracts allowed contracts by canonical (lower-case) address
 */
public record PolicySnapshot(List<SignerAddress> signers, int threshold, WalletStatus status, int delayHours,
                             Map<TokenId, TokenLimits> limits, Set<DestinationAddress> whitelist,
                             Map<String, ContractAllowed> contracts) {

    public PolicySnapshot {
        signers = List.copyOf(signers);
        limits = Map.copyOf(limits);
        whitelist = Set.copyOf(whitelist);
        contracts = Map.copyOf(contracts);
    }

    TokenLimits limitsOf(TokenId token) {
        return limits.getOrDefault(token, TokenLimits.NONE);
    }
}
