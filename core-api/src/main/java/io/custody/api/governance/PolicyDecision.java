package io.custody.api.governance;

import java.util.Locale;

/**
 * What a signer says about a policy change. Part of the signed payload, so an approval can never be replayed as a
 * cancellation or the other way round.
 */
public enum PolicyDecision {
    APPROVE,
    CANCEL;

    /** The spelling used inside signed payloads. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
