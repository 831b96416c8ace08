package io.custody.api.balance;

import java.time.Instant;
import java.util.List;

/**
 * A wallet's balances per token (seed Property 8). {@code stale} says that at least one value is older than the cache
 * time, or that the read store could not be reached and the last known values are shown.
 */
public record WalletBalancesView(String walletId, List<TokenBalanceView> balances, boolean stale,
                                 Instant lastUpdated) {

    public WalletBalancesView {
        balances = List.copyOf(balances);
    }

    /**
     * One token: {@code available} = deposited - withdrawn - reserved (the amount a new proposal may use).
     *
     * @param observedAt when the chain last confirmed this value
     */
    public record TokenBalanceView(String token, String available, String deposited, String withdrawn,
                                   String reserved, Instant observedAt, boolean stale) {
    }
}
