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
     * {@code deposited} counts confirmed deposits less those a reorganisation took back; {@code pendingIncoming}
     * (seed {@code BalanceInfo.pendingIncoming}, given per token here because amounts of different tokens do not add
     * up) is what is on chain below the confirmation depth, not yet part of any other figure.
     *
     * @param observedAt when the chain last confirmed this value
     */
    public record TokenBalanceView(String token, String available, String deposited, String withdrawn,
                                   String reserved, String pendingIncoming, Instant observedAt, boolean stale) {
    }
}
