package io.custody.mpc.client;

import java.util.Optional;

/**
 * Why an {@link MpcClient} call failed, as a closed set of types with a stable {@link #code()}: a saga can switch over
 * the subclasses or the code. Messages explain, never carry secrets, and are not meant for branching.
 */
public abstract sealed class MpcClientException extends RuntimeException
        permits MpcClientException.InsufficientNodes, MpcClientException.CulpritNamed,
        MpcClientException.PrimePoolEmpty, MpcClientException.Timeout, MpcClientException.IdempotencyConflict,
        MpcClientException.UnknownKey, MpcClientException.InvalidRequest, MpcClientException.InDoubt,
        MpcClientException.ClusterFailure {

    private final MpcErrorCode code;

    MpcClientException(MpcErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public MpcErrorCode code() {
        return code;
    }

    /** Fewer nodes than needed; {@link #lastCulpritNode()} names a node left out for failing a check, if any. */
    public static final class InsufficientNodes extends MpcClientException {
        private final String lastCulpritNode;

        public InsufficientNodes(String message, String lastCulpritNode, Throwable cause) {
            super(MpcErrorCode.INSUFFICIENT_NODES, message, cause);
            this.lastCulpritNode = lastCulpritNode;
        }

        public Optional<String> lastCulpritNode() {
            return Optional.ofNullable(lastCulpritNode);
        }
    }

    /** The honest nodes named {@link #culpritNode()} for failing {@link #check()}. */
    public static final class CulpritNamed extends MpcClientException {
        private final String culpritNode;
        private final String check;

        public CulpritNamed(String culpritNode, String check, String message, Throwable cause) {
            super(MpcErrorCode.CULPRIT_NAMED, message, cause);
            this.culpritNode = culpritNode;
            this.check = check;
        }

        public String culpritNode() {
            return culpritNode;
        }

        public String check() {
            return check;
        }
    }

    /** {@link #node()} has fewer safe primes than a Paillier key needs; retry after its background search. */
    public static final class PrimePoolEmpty extends MpcClientException {
        private final String node;

        public PrimePoolEmpty(String node, String message, Throwable cause) {
            super(MpcErrorCode.PRIME_POOL_EMPTY, message, cause);
            this.node = node;
        }

        public String node() {
            return node;
        }
    }

    public static final class Timeout extends MpcClientException {
        public Timeout(String message, Throwable cause) {
            super(MpcErrorCode.TIMEOUT, message, cause);
        }
    }

    public static final class IdempotencyConflict extends MpcClientException {
        public IdempotencyConflict(String message) {
            super(MpcErrorCode.IDEMPOTENCY_CONFLICT, message, null);
        }
    }

    public static final class UnknownKey extends MpcClientException {
        public UnknownKey(String message) {
            super(MpcErrorCode.UNKNOWN_KEY, message, null);
        }
    }

    public static final class InvalidRequest extends MpcClientException {
        public InvalidRequest(String message, Throwable cause) {
            super(MpcErrorCode.INVALID_REQUEST, message, cause);
        }
    }

    /** An earlier attempt may have finished at the nodes without the client recording it; an operator decides. */
    public static final class InDoubt extends MpcClientException {
        public InDoubt(String message, Throwable cause) {
            super(MpcErrorCode.IN_DOUBT, message, cause);
        }
    }

    /** Any other cluster failure; {@link #clusterCode()} is the coordinator's stable code, e.g. INVALID_SIGNATURE. */
    public static final class ClusterFailure extends MpcClientException {
        private final String clusterCode;
        private final String check;

        public ClusterFailure(String clusterCode, String check, String message, Throwable cause) {
            super(MpcErrorCode.CLUSTER_FAILURE, message, cause);
            this.clusterCode = clusterCode;
            this.check = check;
        }

        public String clusterCode() {
            return clusterCode;
        }

        public Optional<String> check() {
            return Optional.ofNullable(check);
        }
    }
}
