package io.custody.mpc.node;

import io.custody.mpc.storage.KeyId;
import io.custody.mpc.storage.WalletId;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the coordinator asks every node of a session to run. {@code parties} maps each protocol party index to the node
 * that plays it (fixed at key generation, so a node keeps its index for the key's lifetime); {@code active} lists the
 * indices taking part in this run (all of them for keygen and refresh, the chosen signers for signing).
 *
 * @param message the bytes to sign, empty for other operations
 */
public record SessionRequest(String sessionId, String protocol, Operation operation, WalletId wallet, KeyId key,
                             int threshold, Map<Integer, NodeId> parties, List<Integer> active, byte[] message) {

    public SessionRequest {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(wallet, "wallet");
        Objects.requireNonNull(key, "key");
        if (!sessionId.matches("[A-Za-z0-9-]{8,64}")) {
            throw new IllegalArgumentException("session id must be 8-64 characters of [A-Za-z0-9-]");
        }
        parties = java.util.Collections.unmodifiableMap(new TreeMap<>(parties));
        active = active.stream().sorted().toList();
        if (!parties.keySet().containsAll(active) || active.isEmpty()) {
            throw new IllegalArgumentException("active parties must be known parties");
        }
        if (parties.values().stream().distinct().count() != parties.size()) {
            throw new IllegalArgumentException("one node cannot play two parties");
        }
        message = message.clone();
    }

    @Override
    public byte[] message() {
        return message.clone();
    }

    /** The party index this node plays, if any. */
    public java.util.Optional<Integer> partyOf(NodeId node) {
        return parties.entrySet().stream().filter(e -> e.getValue().equals(node)).map(Map.Entry::getKey).findFirst();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionRequest r && sessionId.equals(r.sessionId) && protocol.equals(r.protocol)
                && operation == r.operation && wallet.equals(r.wallet) && key.equals(r.key) && threshold == r.threshold
                && parties.equals(r.parties) && active.equals(r.active) && Arrays.equals(message, r.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sessionId, protocol, operation, wallet, key);
    }

    @Override
    public String toString() {
        return "SessionRequest[" + operation + " " + protocol + " session=" + sessionId + " " + wallet + "/" + key
                + " t=" + threshold + " active=" + active + "]";
    }
}
