package io.custody.mpc.session;

import java.util.List;
import java.util.Objects;

/**
 * What a party's state machine yields after consuming a message: more messages to send, a final result, or an abort
 * that names the party at fault and the check it failed.
 *
 * @param <R> the protocol's result type (a key share, a presignature, a signature, ...)
 */
public sealed interface Step<R> permits Step.Continue, Step.Done, Step.Abort {

    /** The run goes on; {@code outgoing} may be empty while the party waits for the rest of a round. */
    record Continue<R>(List<ProtocolMessage> outgoing) implements Step<R> {
        public Continue {
            outgoing = List.copyOf(outgoing);
        }
    }

    /** The run ended for this party with {@code result}; {@code outgoing} carries any last messages to deliver. */
    record Done<R>(R result, List<ProtocolMessage> outgoing) implements Step<R> {
        public Done {
            Objects.requireNonNull(result, "result");
            outgoing = List.copyOf(outgoing);
        }
    }

    /**
     * The run is over and must not be retried with the same nonces. {@code culprit} is the index of the party whose
     * message failed {@code check}; {@code detail} explains it without revealing any secret.
     */
    record Abort<R>(int culprit, String check, String detail) implements Step<R> {
        public Abort {
            Objects.requireNonNull(check, "check");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
