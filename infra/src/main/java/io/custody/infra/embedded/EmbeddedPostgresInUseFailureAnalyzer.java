package io.custody.infra.embedded;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a refused start as "what happened / what to do" instead of a stack trace. */
class EmbeddedPostgresInUseFailureAnalyzer extends AbstractFailureAnalyzer<EmbeddedPostgresInUseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedPostgresInUseException cause) {
        return new FailureAnalysis("The embedded PostgreSQL was not started: " + cause.why() + ".",
                Character.toUpperCase(cause.whatToDo().charAt(0)) + cause.whatToDo().substring(1) + ".", cause);
    }
}
