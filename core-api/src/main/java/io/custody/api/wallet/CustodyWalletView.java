package io.custody.api.wallet;

import java.time.Instant;
import java.util.List;

/**
 * A wallet as the read side shows it. Addresses are absent until the key has been generated. {@code status} is the
 * key provisioning state ({@link ProvisioningStatus}); {@code statusReason} says what a pending wallet waits for or
 * why its provisioning failed; {@code config.status} says whether the wallet accepts proposals.
 */
public record CustodyWalletView(
        String walletId,
        String organisation,
        String name,
        String chainFamily,
        List<String> signers,
        int threshold,
        String status,
        String statusReason,
        String address,
        String publicKey,
        Instant createdAt,
        Instant updatedAt,
        long version,
        WalletConfigView config) {
}
