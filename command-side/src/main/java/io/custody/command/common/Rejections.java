package io.custody.command.common;

import io.custody.api.error.CommandRejectedException;
import io.custody.api.error.Reason;
import io.custody.api.error.Rejection;
import java.util.List;
import java.util.Map;

/**
 * Short names for the refusals command handlers throw, so that handlers read as rules. Every refusal names its
 * {@link Reason}; the reason decides the error code and so the HTTP status.
 */
public final class Rejections {

    private Rejections() {
    }

    public static CommandRejectedException because(Reason reason, String message) {
        return new CommandRejectedException(new Rejection(reason, message, Map.of()));
    }

    public static CommandRejectedException because(Reason reason, String message, Map<String, List<String>> details) {
        return new CommandRejectedException(new Rejection(reason, message, details));
    }

    public static CommandRejectedException because(Reason reason, String message, String field, String problem) {
        return because(reason, message, Map.of(field, List.of(problem)));
    }

    public static CommandRejectedException invalid(String message, Map<String, List<String>> details) {
        return because(Reason.INVALID_FIELD, message, details);
    }

    public static CommandRejectedException invalid(String message, String field, String problem) {
        return because(Reason.INVALID_FIELD, message, field, problem);
    }
}
