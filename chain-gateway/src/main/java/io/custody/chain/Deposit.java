package io.custody.chain;

import java.util.Objects;

/** An incoming transfer to a watched address, identified by transaction and log position within its block. */
public record Deposit(TxHash tx, int logIndex, ChainAddress to, ChainAddress from, Asset asset, Amount amount,
                      long blockNumber, String blockHash) {
    public Deposit {
        Objects.requireNonNull(tx, "tx");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(blockHash, "blockHash");
    }

    /** Native transfers have no log; -1 keeps the key unique per transaction. */
    public static final int NO_LOG = -1;
}
