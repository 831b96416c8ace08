package io.custody.chain;

import java.util.List;

/** Polled by the caller; each poll reports what changed since the previous one. */
public interface DepositWatch {
    List<DepositEvent> poll();

    /**
     * Persists the position reached by the last poll, where the watch has a store (a no-op otherwise). Watches with
     * a store also do this at the start of each poll, so call it after handling a poll's events only to shorten
     * what a crash would repeat.
     */
    default void checkpoint() {
    }
}
