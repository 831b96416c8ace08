package io.custody.mpc.node;

import io.custody.mpc.storage.EncryptedShareStore;

/**
 * What a protocol factory may bind to when a node starts: the node's encrypted store, its identity (whose Ed25519 key
 * also signs protocol messages, under a protocol-specific context) and the roster that names every node's keys.
 */
public record NodeContext(EncryptedShareStore store, NodeIdentity identity, ClusterRoster roster) {

    /** The node's refresh commit bookkeeping (stateless over the store, so any number of these agree). */
    RefreshLedger refreshLedger() {
        return new RefreshLedger(store, identity, roster);
    }

    /** The node's key for signing protocol messages (and nothing else: each use has its own Ed25519ctx context). */
    public org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters messageSigningKey() {
        return identity.signingKey();
    }

    /** Every party's message-signing key as the roster lists it, for a run with {@code parties}. */
    public io.custody.mpc.ecdsa.round.PartyKeys partyKeys(java.util.Map<Integer, NodeId> parties) {
        java.util.Map<Integer, org.bouncycastle.crypto.params.Ed25519PublicKeyParameters> peers = new java.util.TreeMap<>();
        parties.forEach((party, id) -> peers.put(party, new org.bouncycastle.crypto.params.Ed25519PublicKeyParameters(
                roster.node(id).orElseThrow(() -> new IllegalArgumentException("node " + id + " not in roster"))
                        .keys().signing(), 0)));
        return new io.custody.mpc.ecdsa.round.PartyKeys(identity.signingKey(), peers);
    }

    @Override
    public String toString() {
        return "NodeContext[" + identity.id() + "]";
    }
}
