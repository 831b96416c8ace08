package io.custody.api.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Why a command was refused, as a value that travels back to the caller (also across Axon Server, as the details of a
 * command execution exception).
 *
 * @param code    the stable class of cause, which decides the HTTP status
 * @param reason  the stable specific cause clients branch on; always one of {@code code}'s reasons
 * @param message a sentence for humans
 * @param details per-field reasons, e.g. {@code threshold -> ["must not exceed the number of signers (2)"]}
 */
public record Rejection(ErrorCode code, Reason reason, String message, Map<String, List<String>> details) {

    public Rejection {
        Objects.requireNonNull(code, "code");
        reason = reason == null ? Reason.genericFor(code) : reason;
        if (reason.code() != code) {
            throw new IllegalArgumentException("reason " + reason + " belongs to " + reason.code() + ", not " + code);
        }
        Objects.requireNonNull(message, "message");
        // insertion order is kept so that clients see the fields in the order the request had them
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public Rejection(Reason reason, String message, Map<String, List<String>> details) {
        this(reason.code(), reason, message, details);
    }

    /** A rejection with nothing more specific to say than its code. */
    public Rejection(ErrorCode code, String message, Map<String, List<String>> details) {
        this(code, Reason.genericFor(code), message, details);
    }
}
