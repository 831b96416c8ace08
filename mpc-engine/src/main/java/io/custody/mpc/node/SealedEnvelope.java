package io.custody.mpc.node;

import java.util.Arrays;
import java.util.Objects;

/**
 * A protocol message as it travels between nodes through the coordinator: the envelope fields in clear (so the relay
 * can route), the payload encrypted to the recipient node when the message is point-to-point, and the sending node's
 * Ed25519 signature over everything. The relay can drop or delay messages, but not read, alter or forge them.
 *
 * @param toNode recipient node, or {@code null} for a broadcast
 * @param nonce  AES-GCM nonce of an encrypted payload, empty for a broadcast
 */
public record SealedEnvelope(String sessionId, String protocol, int round, int fromParty, int toParty,
                             NodeId fromNode, NodeId toNode, byte[] nonce, byte[] body, byte[] signature) {

    public SealedEnvelope {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(fromNode, "fromNode");
        nonce = nonce.clone();
        body = body.clone();
        signature = signature.clone();
    }

    public boolean isBroadcast() {
        return toNode == null;
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SealedEnvelope e && sessionId.equals(e.sessionId) && protocol.equals(e.protocol)
                && round == e.round && fromParty == e.fromParty && toParty == e.toParty && fromNode.equals(e.fromNode)
                && Objects.equals(toNode, e.toNode) && Arrays.equals(nonce, e.nonce) && Arrays.equals(body, e.body)
                && Arrays.equals(signature, e.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sessionId, round, fromParty, toParty, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "SealedEnvelope[" + protocol + " session=" + sessionId + " round=" + round + " " + fromNode + "->"
                + (toNode == null ? "all" : toNode) + " bytes=" + body.length + "]";
    }
}
