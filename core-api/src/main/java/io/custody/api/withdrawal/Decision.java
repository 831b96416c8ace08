package io.custody.api.withdrawal;

import java.util.Locale;

/**
 * What a signer says about a proposal. It is part of the signed payload, so an approval signature can never be
 * replayed as a rejection or the other way round.
 */
public enum Decision {
    APPROVE,
    REJECT;

    /** The spelling used inside signed payloads. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
