package io.custody.chain;

import java.util.Objects;

/** Move {@code amount} of {@code asset} from {@code from} (a custody address) to {@code to}. */
public record TransferRequest(ChainAddress from, ChainAddress to, Asset asset, Amount amount) {
    public TransferRequest {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(amount, "amount");
    }
}
