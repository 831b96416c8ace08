package io.custody.mpc.session;

import java.util.Arrays;
import java.util.Objects;

/**
 * One message of a threshold protocol run, as a party emits it and as the transport delivers it.
 *
 * <p>The payload is the protocol's own versioned encoding; the envelope fields are what every party checks before it
 * looks at the payload: the session it belongs to, the protocol, the round, the sender and (for point-to-point
 * messages) the recipient. A transport may sign and encrypt the envelope, but the protocol never trusts it to.
 *
 * @param sessionId unique id of the protocol run, bound into every proof transcript of the run
 * @param protocol  protocol name and version, e.g. {@code "frost-ed25519-sha512/1"}
 * @param round     round number, starting at 1
 * @param from      sender's party index (1-based)
 * @param to        recipient's party index, or {@link #BROADCAST}
 * @param payload   protocol-specific encoding of the round's content
 */
public record ProtocolMessage(String sessionId, String protocol, int round, int from, int to, byte[] payload) {

    /** Recipient value of a message that every party receives (and echo-checks where the protocol says so). */
    public static final int BROADCAST = 0;

    public ProtocolMessage {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(payload, "payload");
        if (round < 1) throw new IllegalArgumentException("round must be >= 1");
        if (from < 1) throw new IllegalArgumentException("from must be a party index >= 1");
        if (to < 0) throw new IllegalArgumentException("to must be a party index or BROADCAST");
        payload = payload.clone();
    }

    public boolean isBroadcast() {
        return to == BROADCAST;
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProtocolMessage m && sessionId.equals(m.sessionId) && protocol.equals(m.protocol)
                && round == m.round && from == m.from && to == m.to && Arrays.equals(payload, m.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sessionId, protocol, round, from, to, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        // The payload is never printed: it may carry encrypted shares or proof material.
        return "ProtocolMessage[" + protocol + " session=" + sessionId + " round=" + round + " from=" + from
                + " to=" + (isBroadcast() ? "all" : to) + " bytes=" + payload.length + "]";
    }
}
