package io.custody.command.web;

import io.custody.api.error.Reason;

/** A value that does not parse, with the reason a client branches on; {@link Fields} files it under its field. */
final class InvalidValue extends IllegalArgumentException {

    private final transient Reason reason;

    InvalidValue(Reason reason, String message) {
        super(message, null);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
