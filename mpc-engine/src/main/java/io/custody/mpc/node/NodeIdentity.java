package io.custody.mpc.node;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A node's (or the coordinator's) long-term secret keys: Ed25519 to sign every envelope or request it sends, X25519 to
 * agree point-to-point encryption keys with peers. Persisted only through the encrypted share store.
 */
public final class NodeIdentity {

    private final NodeId id;
    private final Ed25519PrivateKeyParameters signing;
    private final X25519PrivateKeyParameters agreement;

    private NodeIdentity(NodeId id, Ed25519PrivateKeyParameters signing, X25519PrivateKeyParameters agreement) {
        this.id = id;
        this.signing = signing;
        this.agreement = agreement;
    }

    public static NodeIdentity generate(NodeId id, SecureRandom random) {
        return new NodeIdentity(id, new Ed25519PrivateKeyParameters(random), new X25519PrivateKeyParameters(random));
    }

    public NodeId id() {
        return id;
    }

    Ed25519PrivateKeyParameters signingKey() {
        return signing;
    }

    X25519PrivateKeyParameters agreementKey() {
        return agreement;
    }

    public PeerKeys publicKeys() {
        return new PeerKeys(signing.generatePublicKey().getEncoded(), agreement.generatePublicKey().getEncoded());
    }

    /** 64 bytes (Ed25519 seed, X25519 scalar) for the encrypted store; the caller wipes them after storing. */
    public byte[] toBytes() {
        byte[] out = new byte[64];
        signing.encode(out, 0);
        agreement.encode(out, 32);
        return out;
    }

    public static NodeIdentity fromBytes(NodeId id, byte[] bytes) {
        if (bytes.length != 64) {
            throw new IllegalArgumentException("identity record must be 64 bytes");
        }
        try {
            return new NodeIdentity(id, new Ed25519PrivateKeyParameters(bytes, 0),
                    new X25519PrivateKeyParameters(bytes, 32));
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "NodeIdentity[" + id + ", keys redacted]";
    }
}
