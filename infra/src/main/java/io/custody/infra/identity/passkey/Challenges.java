package io.custody.infra.identity.passkey;

import java.time.Instant;
import java.util.Optional;

/**
 * Outstanding WebAuthn challenges, keyed by the challenge itself (base64url). {@link #take} removes what it returns, so
 * a challenge serves at most one ceremony. {@link JdbcChallenges} keeps them in PostgreSQL for several instances and
 * restarts; {@link InMemoryChallenges} is for one process (unit tests).
 */
public interface Challenges {

    /**
     * What a challenge was issued for.
     *
     * @param kind      the ceremony
     * @param askedBy   the session id, or the anonymous ceremony id of a login
     * @param member    the member the ceremony is for, when known (registration, approval, login of a known member)
     * @param context   approvals: the wallet, proposal and decision the challenge was derived from
     * @param nonce     approvals: the server nonce inside the challenge
     * @param expiresAt the end of its validity
     */
    record Pending(PasskeyCeremonies.Kind kind, String askedBy, String member, String context, byte[] nonce,
                   Instant expiresAt) {
    }

    /** Stores a new challenge; stale ones may be forgotten on the way. */
    void put(String challenge, Pending pending, Instant now);

    /** Removes and returns the challenge, if it is outstanding (expired ones too: the caller tells them apart). */
    Optional<Pending> take(String challenge);
}
