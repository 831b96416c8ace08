package io.custody.mpc.node;

import io.custody.mpc.storage.EncryptedShareStore;

/**
 * What a protocol factory may bind to when a node starts: the node's encrypted store, its identity (whose Ed25519 key
 * also signs protocol messages, under a protocol-specific context) and the roster that names every node's keys.
 */
public record NodeContext(EncryptedShareStore store, NodeIdentity identity, ClusterRoster roster) {

    @Override
    public String toString() {
        return "NodeContext[" + identity.id() + "]";
    }
}
