package io.custody.mpc.node;

import io.custody.mpc.storage.EncryptedShareStore;

import java.security.SecureRandom;

/**
 * Builds a node's side of a session for one protocol. The node looks factories up by {@link #protocol()} in the
 * {@link ProtocolRegistry}, so a new protocol (threshold ECDSA) plugs in by registering its factory, without any
 * change to the node, the transport or the coordinator.
 */
public interface ProtocolFactory {

    /** Protocol name and version, the same string the protocol's messages carry. */
    String protocol();

    /**
     * Creates the machine for {@code request}, in which this node plays {@code partyIndex}. May read the node's share
     * from {@code store} and must store any new share before returning the public output.
     *
     * @throws UnsupportedOperationException if the protocol has no such operation
     */
    NodeSession<?> open(SessionRequest request, int partyIndex, EncryptedShareStore store, SecureRandom random);

    /**
     * As above with the whole node context (identity and roster for message signatures, refresh bookkeeping); the
     * node calls this one. Factories whose machines sign their messages override it.
     */
    default NodeSession<?> open(SessionRequest request, int partyIndex, NodeContext node, SecureRandom random) {
        return open(request, partyIndex, node.store(), random);
    }

    /**
     * Called once when a node starts with this factory, with the node's store, identity and roster: a factory that
     * keeps per-node state (threshold ECDSA's safe-prime pool, presignatures, message-signing keys) binds to that node
     * here. Stateless factories ignore it.
     */
    default void attach(NodeContext node) {
    }

    /** Releases per-node resources (background threads, secrets held in memory) when the node stops. */
    default void close() {
    }
}
