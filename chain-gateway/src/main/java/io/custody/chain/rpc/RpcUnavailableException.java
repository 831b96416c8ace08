package io.custody.chain.rpc;

/** No endpoint could be reached in one failover sweep; retried with backoff, then surfaced. */
public class RpcUnavailableException extends RuntimeException {
    public RpcUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
