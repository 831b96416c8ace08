package io.custody.mpc.ecdsa.round;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A party's long-term message-signing identity: its own Ed25519 key and every party's public key by index. Every
 * ECDSA protocol message is signed with it, so an echo dispute carries a transferable proof of who said what
 * (docs/adr/ecdsa-008). At a node these are the node's identity key and the roster's keys.
 */
public record PartyKeys(Ed25519PrivateKeyParameters own, Map<Integer, Ed25519PublicKeyParameters> peers) {

    public PartyKeys {
        java.util.Objects.requireNonNull(own, "own");
        peers = java.util.Collections.unmodifiableMap(new TreeMap<>(peers));
    }

    /** Fails unless every party has a key and this party's entry is the public half of {@code own}. */
    void requireCovers(int self, java.util.List<Integer> parties) {
        for (int p : parties) {
            if (!peers.containsKey(p)) throw new IllegalArgumentException("no message-signing key for party " + p);
        }
        if (!Arrays.equals(peers.get(self).getEncoded(), own.generatePublicKey().getEncoded())) {
            throw new IllegalArgumentException("party " + self + "'s listed key is not the public half of its own");
        }
    }

    @Override
    public String toString() {
        return "PartyKeys[parties=" + peers.keySet() + " private key redacted]";
    }
}
