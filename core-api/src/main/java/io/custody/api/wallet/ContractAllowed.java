package io.custody.api.wallet;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** The wallet may call these functions of the contract (replacing any earlier entry for it); see {@link AllowContract}. */
@Revision("1")
public record ContractAllowed(WalletId walletId, DestinationAddress contract, String label, List<String> functions,
                              int minApprovals, Instant at) {

    public ContractAllowed {
        functions = List.copyOf(functions);
    }
}
