package io.custody.api.error;

import org.axonframework.commandhandling.CommandExecutionException;

/**
 * Thrown by a command handler that decides not to act. Extending {@link CommandExecutionException} makes the
 * {@link Rejection} travel as the exception's details, so the REST layer reads the same value whether the handler ran
 * in this JVM or behind Axon Server.
 */
public class CommandRejectedException extends CommandExecutionException {

    public CommandRejectedException(Rejection rejection) {
        super(rejection.message(), null, rejection);
    }

    public Rejection rejection() {
        return getDetails().filter(Rejection.class::isInstance).map(Rejection.class::cast).orElseThrow();
    }
}
