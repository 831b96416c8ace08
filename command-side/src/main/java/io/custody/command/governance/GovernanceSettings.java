package io.custody.command.governance;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long a new wallet may be configured by an administrator alone ({@code custody.governance.setup-window}), and how
 * long an approved loosening change waits before it takes effect ({@code custody.governance.time-lock}); both 48
 * hours unless configured (ADR identity-020).
 */
public record GovernanceSettings(Duration setupWindow, Duration timeLock) {

    public static final GovernanceSettings DEFAULT = new GovernanceSettings(Duration.ofHours(48), Duration.ofHours(48));

    public GovernanceSettings {
        Objects.requireNonNull(setupWindow, "setupWindow");
        Objects.requireNonNull(timeLock, "timeLock");
        if (setupWindow.isNegative() || timeLock.isNegative()) {
            throw new IllegalArgumentException("the setup window and the time lock must not be negative");
        }
    }

    /**
     * Whether a wallet created at {@code createdAt} is past its setup window at {@code now}. A wallet whose creation
     * time is unknown (a snapshot older than this rule) counts as sealed.
     */
    public boolean sealed(Instant createdAt, Instant now) {
        return createdAt == null || !now.isBefore(createdAt.plus(setupWindow));
    }
}
