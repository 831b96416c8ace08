package io.custody.mpc.node;

/**
 * A session the coordinator could not complete, with a stable {@link #code()}: INSUFFICIENT_NODES (fail-fast before any
 * session starts), SESSION_ABORTED (a party failed a check; see {@link #culpritNode()}), SESSION_TIMEOUT,
 * NODE_UNAVAILABLE, NODE_REFUSED, INCONSISTENT_RESULT, INVALID_SIGNATURE (the nodes agreed on bytes that do not verify).
 */
public class CoordinatorException extends RuntimeException {

    private final String code;
    private final NodeId culpritNode;
    private final String check;

    public CoordinatorException(String code, String message, NodeId culpritNode, String check) {
        super(message);
        this.code = code;
        this.culpritNode = culpritNode;
        this.check = check;
    }

    public CoordinatorException(String code, String message) {
        this(code, message, null, null);
    }

    public String code() {
        return code;
    }

    /** The node the honest parties blamed, for SESSION_ABORTED; otherwise the node that failed, if known. */
    public NodeId culpritNode() {
        return culpritNode;
    }

    public String check() {
        return check;
    }
}
