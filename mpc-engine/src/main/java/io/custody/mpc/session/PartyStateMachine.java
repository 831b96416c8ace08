package io.custody.mpc.session;

import java.util.List;

/**
 * One party's side of one run of a threshold protocol, as a pure state machine: no I/O, no clock, no global
 * randomness (implementations take a {@link java.security.SecureRandom} or a deterministic source at construction).
 *
 * <p>The transport (in-process for tests, the node cluster in production) calls {@link #start()} once, delivers every
 * message addressed to this party to {@link #receive(ProtocolMessage)}, in any order within a round, and relays what
 * comes back. After a {@link Step.Done} or {@link Step.Abort} the machine accepts nothing more, and an aborted machine
 * has already discarded its secret state.
 *
 * @param <R> the protocol's result type
 */
public interface PartyStateMachine<R> {

    /** The party's own index (1-based). */
    int partyIndex();

    /** Messages of the first round. */
    List<ProtocolMessage> start();

    /** Consumes one message and says what happens next. */
    Step<R> receive(ProtocolMessage message);
}
