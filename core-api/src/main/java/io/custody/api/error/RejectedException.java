package io.custody.api.error;

import java.util.List;
import java.util.Map;

/**
 * Thrown at the edge (REST handlers, query services) to answer a request with a {@link Rejection} in the seed's error
 * format. Command handlers throw {@link CommandRejectedException} instead, which survives Axon's messaging.
 */
public class RejectedException extends RuntimeException {

    private final transient Rejection rejection;

    public RejectedException(Rejection rejection) {
        super(rejection.message(), null, false, false);
        this.rejection = rejection;
    }

    public RejectedException(ErrorCode code, String message) {
        this(new Rejection(code, message, Map.of()));
    }

    public static RejectedException invalid(String message, Map<String, List<String>> details) {
        return new RejectedException(new Rejection(ErrorCode.VALIDATION_ERROR, message, details));
    }

    public Rejection rejection() {
        return rejection;
    }
}
