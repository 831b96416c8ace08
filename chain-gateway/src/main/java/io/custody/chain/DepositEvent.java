package io.custody.chain;

/** What a {@link DepositWatch} poll reports. */
public sealed interface DepositEvent {
    Deposit deposit();

    /** Included in a block but not yet at the confirmation depth: show, do not credit. */
    record Seen(Deposit deposit, long confirmations) implements DepositEvent {
    }

    /** At the configured depth: safe to credit. */
    record Confirmed(Deposit deposit, long confirmations) implements DepositEvent {
    }

    /** Its block left the canonical chain; {@code wasConfirmed} is true only for a reorg deeper than the depth. */
    record Retracted(Deposit deposit, boolean wasConfirmed) implements DepositEvent {
    }
}
