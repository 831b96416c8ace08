package io.custody.command.identity;

/** What recording an assertion decided; only {@link #ACCEPTED} lets the ceremony succeed. */
public enum PasskeyUseOutcome {
    ACCEPTED,
    /** The counter went backwards: refused, and a {@code PasskeyCloneSuspected} event recorded. */
    CLONE_SUSPECTED,
    REVOKED,
    UNKNOWN
}
