package io.custody.mpc.node;

import io.custody.mpc.storage.EncryptedShareStore;
import io.custody.mpc.storage.KeyEncryptionKey;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedded default: n nodes in one JVM, each with its own data directory, key-encryption key, identity and
 * loopback port, plus a coordinator allowed by all of them. Same code path as separate processes (real HTTP, real
 * envelopes), only the process boundary is missing.
 */
public final class EmbeddedCluster implements AutoCloseable {

    private final List<NodeRuntime> nodes;
    private final Coordinator coordinator;
    private final Map<NodeId, URI> endpoints;
    private final Ed25519PrivateKeyParameters callerKey;

    private EmbeddedCluster(List<NodeRuntime> nodes, Coordinator coordinator, Map<NodeId, URI> endpoints,
                            Ed25519PrivateKeyParameters callerKey) {
        this.nodes = nodes;
        this.coordinator = coordinator;
        this.endpoints = Map.copyOf(endpoints);
        this.callerKey = callerKey;
    }

    /** Another coordinator accepted by the nodes, with some endpoints replaced (drills, tests) and its own settings. */
    public Coordinator coordinatorWith(Map<NodeId, URI> endpointOverrides, Coordinator.Settings settings) {
        Map<NodeId, URI> e = new LinkedHashMap<>(endpoints);
        e.putAll(endpointOverrides);
        return new Coordinator("coordinator", callerKey, e, settings, Clock.systemUTC());
    }

    /** Where a node listens, for callers other than the built-in coordinator. */
    public URI coordinatorEndpoint(NodeId id) {
        return endpoints.get(id);
    }

    /** Starts {@code count} nodes under {@code baseDir}; {@code keks} supplies each node's key-encryption key. */
    public static EmbeddedCluster start(Path baseDir, int count, java.util.function.IntFunction<KeyEncryptionKey> keks,
                                        ProtocolRegistry registry, Coordinator.Settings settings) throws IOException {
        return start(baseDir, count, keks, i -> registry, settings);
    }

    /**
     * FROST and threshold ECDSA on every node, each node with its own ECDSA factory (safe-prime pool file and
     * presignatures) under {@code baseDir/node-N}.
     */
    public static EmbeddedCluster startWithEcdsa(Path baseDir, int count,
                                                 java.util.function.IntFunction<KeyEncryptionKey> keks,
                                                 EcdsaNodeSettings ecdsa, Coordinator.Settings settings)
            throws IOException {
        return start(baseDir, count, keks, i -> ProtocolRegistry.withFrostAndEcdsa(nodeDir(baseDir, i), ecdsa),
                settings);
    }

    /** The data directory of node {@code index} (1-based) of a cluster under {@code baseDir}. */
    public static Path nodeDir(Path baseDir, int index) {
        return baseDir.resolve("node-" + index);
    }

    /** As above with a registry per node (1-based), e.g. to put one misbehaving node into a drill. */
    public static EmbeddedCluster start(Path baseDir, int count, java.util.function.IntFunction<KeyEncryptionKey> keks,
                                        java.util.function.IntFunction<ProtocolRegistry> registries,
                                        Coordinator.Settings settings) throws IOException {
        SecureRandom random = new SecureRandom();
        Ed25519PrivateKeyParameters callerKey = new Ed25519PrivateKeyParameters(random);
        List<NodeIdentity> identities = new ArrayList<>();
        List<EncryptedShareStore> stores = new ArrayList<>();
        Map<NodeId, ClusterRoster.Member> members = new LinkedHashMap<>();
        for (int i = 1; i <= count; i++) {
            NodeId id = new NodeId("node-" + i);
            EncryptedShareStore store = new EncryptedShareStore(nodeDir(baseDir, i), keks.apply(i), random);
            NodeIdentity identity = IdentityVault.loadOrCreate(store, id, random);
            identities.add(identity);
            stores.add(store);
            members.put(id, new ClusterRoster.Member(id, URI.create("http://127.0.0.1:0"), identity.publicKeys()));
        }
        ClusterRoster roster = new ClusterRoster(members,
                Map.of("coordinator", callerKey.generatePublicKey().getEncoded()));
        List<NodeRuntime> runtimes = new ArrayList<>();
        Map<NodeId, URI> endpoints = new LinkedHashMap<>();
        // In one process the nodes keep a session at least as long as the coordinator waits for it: a threshold ECDSA
        // key generation on a loaded machine outlives the 60 s that suit FROST, and must not expire under its feet.
        Duration sessionTtl = settings.sessionTimeout().compareTo(Duration.ofSeconds(60)) > 0
                ? settings.sessionTimeout() : Duration.ofSeconds(60);
        try {
            for (int i = 0; i < count; i++) {
                NodeRuntime rt = NodeRuntime.start(identities.get(i), roster, registries.apply(i + 1), stores.get(i),
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), sessionTtl);
                runtimes.add(rt);
                endpoints.put(identities.get(i).id(), URI.create("http://127.0.0.1:" + rt.port()));
            }
        } catch (IOException | RuntimeException e) {
            runtimes.forEach(NodeRuntime::close);
            throw e;
        }
        return new EmbeddedCluster(runtimes, new Coordinator("coordinator", callerKey, endpoints, settings,
                Clock.systemUTC()), endpoints, callerKey);
    }

    public Coordinator coordinator() {
        return coordinator;
    }

    /** The coordinator's typed threshold ECDSA operations. */
    public EcdsaCoordinator ecdsa() {
        return new EcdsaCoordinator(coordinator);
    }

    public List<NodeId> nodeIds() {
        return nodes.stream().map(n -> n.node().id()).toList();
    }

    /** Sessions currently open at a node (monitoring, tests). */
    public int runningSessions(NodeId id) {
        return nodes.stream().filter(n -> n.node().id().equals(id)).mapToInt(n -> n.node().runningSessions()).sum();
    }

    /** Stops one node (as if it crashed), for failover tests and drills. */
    public void stop(NodeId id) {
        nodes.stream().filter(n -> n.node().id().equals(id)).forEach(NodeRuntime::close);
    }

    @Override
    public void close() {
        nodes.forEach(NodeRuntime::close);
    }
}
