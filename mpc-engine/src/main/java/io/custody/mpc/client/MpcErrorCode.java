package io.custody.mpc.client;

/** Stable codes of {@link MpcClientException}; sagas branch on these, never on message text. */
public enum MpcErrorCode {
    /** Fewer healthy nodes than the operation needs (t for signing, all for key generation and refresh). */
    INSUFFICIENT_NODES,
    /** A node failed a protocol check; the honest nodes named it ({@code culpritNode}). Retry may leave it out. */
    CULPRIT_NAMED,
    /** A node's safe-prime stock is empty: ECDSA key generation and refresh must wait for the background search. */
    PRIME_POOL_EMPTY,
    /** The call did not finish in time. The same idempotency key may be retried. */
    TIMEOUT,
    /** The idempotency key was used before with another operation or payload. */
    IDEMPOTENCY_CONFLICT,
    /** No key of that reference was generated through this client. */
    UNKNOWN_KEY,
    /** The request is not valid for the key (scheme, hash, path, presignature of another key). */
    INVALID_REQUEST,
    /** A previous attempt under this idempotency key may have created a key the client has no record of. */
    IN_DOUBT,
    /** Any other failure of the cluster; {@code clusterCode} carries the coordinator's code. */
    CLUSTER_FAILURE
}
