package io.custody.mpc.node;

/**
 * Thrown by a {@link ProtocolFactory} that refuses to open a session for a reason the caller can act on; the node
 * answers with {@code code} (a stable error code) and {@code httpStatus} instead of the generic INVALID_SESSION.
 */
public class SessionRefusedException extends RuntimeException {

    private final String code;
    private final int httpStatus;

    public SessionRefusedException(int httpStatus, String code, String message) {
        super(message);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
