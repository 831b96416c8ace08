package io.custody.command.common;

import io.custody.api.error.CommandRejectedException;
import io.custody.api.error.Reason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every problem of one request, per field and in the order they were found, with the reason of the first: the answer
 * lists all of them, and a client that branches on one reason gets the most basic one.
 */
public final class Violations {

    private final Map<String, List<String>> details = new LinkedHashMap<>();
    private Reason first;

    public Violations add(Reason reason, String field, String message) {
        details.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
        if (first == null) {
            first = reason;
        }
        return this;
    }

    public Violations addAll(Reason reason, Map<String, List<String>> more) {
        more.forEach((field, messages) -> messages.forEach(message -> add(reason, field, message)));
        return this;
    }

    public boolean isEmpty() {
        return details.isEmpty();
    }

    public Reason reason() {
        return first;
    }

    public Map<String, List<String>> details() {
        return Collections.unmodifiableMap(details);
    }

    public void throwIfAny(String message) {
        if (first != null) {
            throw rejection(message);
        }
    }

    public CommandRejectedException rejection(String message) {
        return Rejections.because(first, message, details);
    }
}
