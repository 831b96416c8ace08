package io.custody.api.wallet;

/**
 * Whether a wallet accepts new withdrawal proposals. Suspension is reversible (e.g. while an incident is examined);
 * closing is not. Proposals already open keep their own life cycle.
 */
public enum WalletStatus {
    ACTIVE,
    SUSPENDED,
    CLOSED;

    public boolean acceptsProposals() {
        return this == ACTIVE;
    }
}
