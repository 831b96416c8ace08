package io.custody.audit.tool;

import java.sql.SQLException;

/**
 * Reading events from Axon Server failed (unreachable, refused, interrupted). A {@link SQLException} so that both
 * event sources share the verifier's failure path; its SQL state is {@code 08000} (connection exception).
 */
final class EventStoreException extends SQLException {

    EventStoreException(String message, Throwable cause) {
        super(message, "08000", cause);
    }
}
