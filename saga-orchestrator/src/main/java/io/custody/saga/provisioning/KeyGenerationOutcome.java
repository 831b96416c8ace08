package io.custody.saga.provisioning;

import io.custody.mpc.client.MpcClientException;

/**
 * What a failed key generation means for the wallet: the saga waits (visibly) for resources that come by themselves,
 * asks again later when the call only ran out of time, and fails the wallet, with the reason, for everything that
 * asking again under the same idempotency key cannot mend.
 */
public enum KeyGenerationOutcome {
    /** Safe primes still being searched, or not every node up: show it, ask again later. */
    WAIT,
    /** The call did not finish in time: ask again later under the same idempotency key, nothing to show. */
    ASK_AGAIN,
    /** A protocol abort, a conflict, an in-doubt key: the attempt is over; an operator may retry with a new one. */
    FAIL;

    public static KeyGenerationOutcome of(MpcClientException failure) {
        return switch (failure.code()) {
            case PRIME_POOL_EMPTY, INSUFFICIENT_NODES -> WAIT;
            case TIMEOUT -> ASK_AGAIN;
            case CULPRIT_NAMED, IDEMPOTENCY_CONFLICT, UNKNOWN_KEY, INVALID_REQUEST, IN_DOUBT, CLUSTER_FAILURE -> FAIL;
        };
    }
}
