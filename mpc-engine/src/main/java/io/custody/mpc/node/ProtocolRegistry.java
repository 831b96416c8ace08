package io.custody.mpc.node;

import io.custody.mpc.frost.Ed25519Sha512;
import io.custody.mpc.frost.Secp256k1Sha256;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The protocols a node can run, by name. {@link #withFrost()} is the default set; others register alongside. */
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

    public static ProtocolRegistry withFrost() {
        return new ProtocolRegistry()
                .register(new FrostProtocolFactory(Ed25519Sha512.INSTANCE))
                .register(new FrostProtocolFactory(Secp256k1Sha256.INSTANCE));
    }
}
