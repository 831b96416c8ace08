package io.custody.api.wallet;

/**
 * Where a wallet's key stands. A new wallet is {@code PENDING_KEY} until the MPC cluster has generated its key and an
 * address has been derived from it; only an {@code ACTIVE} wallet accepts proposals and deposits. A failed key
 * generation leaves it {@code PROVISIONING_FAILED} with the reason, until an operator retries.
 * (Independent of {@link WalletStatus}, which says whether an operator suspended or closed the wallet.)
 */
public enum ProvisioningStatus {
    PENDING_KEY,
    ACTIVE,
    PROVISIONING_FAILED
}
