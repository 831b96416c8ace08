package io.custody.api.wallet;

import java.time.Instant;
import java.util.List;

/** A wallet as the read side shows it. Addresses are absent until the key has been generated. */
public record CustodyWalletView(
        String walletId,
        String organisation,
        String name,
        String chainFamily,
        List<String> signers,
        int threshold,
        String status,
        Instant createdAt,
        Instant updatedAt,
        long version) {
}
