package io.custody.mpc.node;

import io.custody.mpc.frost.Ed25519Sha512;
import io.custody.mpc.frost.Secp256k1Sha256;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The protocols a node can run, by name. {@link #withFrost()} is the stateless default set; threshold ECDSA keeps
 * per-node state, so {@link #withFrostAndEcdsa} builds a registry for exactly one node.
 */
public final class ProtocolRegistry {

    private final Map<String, ProtocolFactory> factories = new ConcurrentHashMap<>();

    public ProtocolRegistry register(ProtocolFactory factory) {
        if (factories.putIfAbsent(factory.protocol(), factory) != null) {
            throw new IllegalArgumentException("protocol " + factory.protocol() + " already registered");
        }
        return this;
    }

    public Optional<ProtocolFactory> find(String protocol) {
        return Optional.ofNullable(factories.get(protocol));
    }

    public java.util.Set<String> protocols() {
        return java.util.Set.copyOf(factories.keySet());
    }

    /** Lets every factory bind to the node that starts with this registry (see {@link ProtocolFactory#attach}). */
    void attach(NodeContext node) {
        factories.values().forEach(f -> f.attach(node));
    }

    /** Closes every factory; called when the node stops. */
    void close() {
        factories.values().forEach(ProtocolFactory::close);
    }

    public static ProtocolRegistry withFrost() {
        return new ProtocolRegistry()
                .register(new FrostProtocolFactory(Ed25519Sha512.INSTANCE))
                .register(new FrostProtocolFactory(Secp256k1Sha256.INSTANCE));
    }

    /** FROST plus threshold ECDSA for the node whose data directory is {@code nodeDataDir}; one registry per node. */
    public static ProtocolRegistry withFrostAndEcdsa(java.nio.file.Path nodeDataDir, EcdsaNodeSettings settings) {
        return withFrost().register(new EcdsaProtocolFactory(nodeDataDir, settings));
    }
}
