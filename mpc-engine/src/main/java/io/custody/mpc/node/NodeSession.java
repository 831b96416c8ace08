package io.custody.mpc.node;

import io.custody.mpc.session.PartyStateMachine;

import java.util.function.Function;

/**
 * One running protocol at a node: the party's state machine and what to do with its result (store a new share,
 * return a public key or a signature). The public output is all that ever leaves the node.
 *
 * @param onDone          turns the machine's result into the public bytes returned to the coordinator, with any side
 *                        effect (storing the new share) done first
 * @param messageProtocol the protocol name the machine's messages carry, or null when it is the session's protocol;
 *                        a family registered under one name (threshold ECDSA) runs engine machines with their own
 *                        per-phase names, and the node checks every incoming envelope against this one
 */
public record NodeSession<R>(PartyStateMachine<R> machine, Function<R, byte[]> onDone, String messageProtocol) {

    public NodeSession(PartyStateMachine<R> machine, Function<R, byte[]> onDone) {
        this(machine, onDone, null);
    }

    /** The name envelopes of this session must carry. */
    String expectedMessageProtocol(SessionRequest request) {
        return messageProtocol == null ? request.protocol() : messageProtocol;
    }

    /** Applies {@link #onDone} to a result the machine produced; the unchecked cast is safe because it came from it. */
    @SuppressWarnings("unchecked")
    byte[] complete(Object result) {
        return onDone.apply((R) result);
    }
}
