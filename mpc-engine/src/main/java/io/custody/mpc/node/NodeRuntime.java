package io.custody.mpc.node;

import io.custody.mpc.storage.EncryptedShareStore;
import io.custody.mpc.storage.ShareCipher;

import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** A running node: storage, identity, protocol registry, core and HTTP endpoint, wired from a {@link NodeConfig}. */
public final class NodeRuntime implements AutoCloseable {

    private final MpcNode node;
    private final NodeHttpServer server;
    private final ProtocolRegistry registry;

    private NodeRuntime(MpcNode node, NodeHttpServer server, ProtocolRegistry registry) {
        this.node = node;
        this.server = server;
        this.registry = registry;
    }

    public static NodeRuntime start(NodeConfig config, ProtocolRegistry registry, Map<String, String> environment)
            throws IOException {
        SecureRandom random = new SecureRandom();
        ShareCipher kek = config.keyEncryptionKey(environment);
        EncryptedShareStore store = new EncryptedShareStore(config.dataDir(), kek, random);
        NodeIdentity identity = IdentityVault.loadOrCreate(store, config.nodeId(), random);
        ClusterRoster roster;
        try (Reader r = Files.newBufferedReader(config.rosterFile())) {
            roster = ClusterRoster.read(r);
        }
        ClusterRoster.Member me = roster.node(config.nodeId()).orElseThrow(() ->
                new IllegalArgumentException("node " + config.nodeId() + " is not in the roster"));
        if (!me.keys().equals(identity.publicKeys())) {
            throw new IllegalStateException("roster keys of " + config.nodeId() + " do not match this node's identity");
        }
        return start(identity, roster, registry, store, new InetSocketAddress(config.bindHost(), config.bindPort()),
                config.sessionTtl());
    }

    public static NodeRuntime start(NodeIdentity identity, ClusterRoster roster, ProtocolRegistry registry,
                                    EncryptedShareStore store, InetSocketAddress bind, Duration sessionTtl)
            throws IOException {
        Clock clock = Clock.systemUTC();
        MpcNode node = new MpcNode(identity, roster, registry, store, new SecureRandom(), clock, sessionTtl);
        NodeHttpServer server = new NodeHttpServer(node,
                new RequestSigning.Verifier(roster, clock, Duration.ofSeconds(60)), bind).start();
        return new NodeRuntime(node, server, registry);
    }

    public int port() {
        return server.port();
    }

    public MpcNode node() {
        return node;
    }

    @Override
    public void close() {
        server.close();
        // In-memory protocol state (ECDSA presignatures) dies with the node, as it would in a crash.
        registry.close();
    }
}
