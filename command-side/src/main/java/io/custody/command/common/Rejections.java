package io.custody.command.common;

import io.custody.api.error.CommandRejectedException;
import io.custody.api.error.ErrorCode;
import io.custody.api.error.Rejection;
import java.util.List;
import java.util.Map;

/** Short names for the refusals command handlers throw, so that handlers read as rules. */
public final class Rejections {

    private Rejections() {
    }

    public static CommandRejectedException invalid(String message, Map<String, List<String>> details) {
        return new CommandRejectedException(new Rejection(ErrorCode.VALIDATION_ERROR, message, details));
    }

    public static CommandRejectedException invalid(String message, String field, String reason) {
        return invalid(message, Map.of(field, List.of(reason)));
    }

    public static CommandRejectedException forbidden(String message) {
        return new CommandRejectedException(new Rejection(ErrorCode.FORBIDDEN, message, Map.of()));
    }

    public static CommandRejectedException unauthenticated(String message, String field, String reason) {
        return new CommandRejectedException(new Rejection(ErrorCode.UNAUTHENTICATED, message,
                Map.of(field, List.of(reason))));
    }

    public static CommandRejectedException notFound(String message) {
        return new CommandRejectedException(new Rejection(ErrorCode.NOT_FOUND, message, Map.of()));
    }

    public static CommandRejectedException conflict(String message) {
        return new CommandRejectedException(new Rejection(ErrorCode.CONFLICT, message, Map.of()));
    }

    public static CommandRejectedException idempotencyConflict(String message) {
        return new CommandRejectedException(new Rejection(ErrorCode.IDEMPOTENCY_CONFLICT, message, Map.of()));
    }
}
