package io.custody.infra.identity.passkey;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Challenges of one process only: for tests of the ceremonies without a database. */
public final class InMemoryChallenges implements Challenges {

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    @Override
    public void put(String challenge, Pending entry, Instant now) {
        // keep expired ones for a while so that a late answer is told "expired", not "unknown"
        pending.values().removeIf(p -> p.expiresAt().plusSeconds(3_600).isBefore(now));
        pending.put(challenge, entry);
    }

    @Override
    public Optional<Pending> take(String challenge) {
        return Optional.ofNullable(pending.remove(challenge));
    }
}
