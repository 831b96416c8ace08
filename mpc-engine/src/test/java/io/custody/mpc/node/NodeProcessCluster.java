package io.custody.mpc.node;

import io.custody.mpc.storage.EncryptedShareStore;
import io.custody.mpc.storage.KeyEncryptionKey;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Test and benchmark fixture: n node processes (separate JVMs running {@link NodeMain} on the current classpath),
 * provisioned with identities, key-encryption keys (the last node's from an environment variable, the others' from
 * files) and a shared roster, bound to free loopback ports; plus a coordinator they all accept.
 */
public final class NodeProcessCluster implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final List<Process> processes = new ArrayList<>();
    private final List<Path> configs = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private Path dir;
    private final Map<NodeId, URI> endpoints = new LinkedHashMap<>();
    private Coordinator coordinator;

    public static NodeProcessCluster start(Path dir, int count, Coordinator.Settings settings) throws Exception {
        NodeProcessCluster cluster = new NodeProcessCluster();
        try {
            cluster.launch(dir, count, settings);
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private void launch(Path dir, int count, Coordinator.Settings settings) throws Exception {
        this.dir = dir;
        Ed25519PrivateKeyParameters callerKey = new Ed25519PrivateKeyParameters(RANDOM);
        Map<NodeId, ClusterRoster.Member> members = new LinkedHashMap<>();
        Path rosterFile = dir.resolve("roster.properties");
        for (int i = 1; i <= count; i++) {
            NodeId id = new NodeId("node-" + i);
            Path data = Files.createDirectories(dir.resolve(id.value()));
            byte[] kek = new byte[32];
            RANDOM.nextBytes(kek);
            NodeIdentity identity = NodeIdentity.generate(id, RANDOM);
            IdentityVault.save(new EncryptedShareStore(data, KeyEncryptionKey.of(kek), RANDOM), identity);
            members.put(id, new ClusterRoster.Member(id, URI.create("http://127.0.0.1:0"), identity.publicKeys()));
            StringBuilder cfg = new StringBuilder("node.id=" + id + "\nbind.host=127.0.0.1\nbind.port=0\n")
                    .append("data.dir=").append(slashes(data)).append('\n')
                    .append("roster.file=").append(slashes(rosterFile)).append('\n')
                    // no 1024-bit prime search in child processes: these tests do not run ECDSA key generation
                    .append("ecdsa.prime-pool.target=0\n");
            if (i == count) {
                String var = "MPC_NODE" + i + "_KEK";
                env.put(var, Base64.getEncoder().encodeToString(kek));
                cfg.append("kek.env=").append(var).append('\n');
            } else {
                Path kekFile = dir.resolve(id + ".kek");
                Files.write(kekFile, kek);
                cfg.append("kek.file=").append(slashes(kekFile)).append('\n');
            }
            java.util.Arrays.fill(kek, (byte) 0);
            Path config = dir.resolve(id + ".properties");
            Files.writeString(config, cfg.toString());
            configs.add(config);
        }
        try (Writer w = Files.newBufferedWriter(rosterFile)) {
            new ClusterRoster(members, Map.of("coordinator", callerKey.generatePublicKey().getEncoded())).write(w);
        }
        List<CompletableFuture<Integer>> ports = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ports.add(spawn(configs.get(i), env, dir.resolve("node-" + (i + 1) + ".log")));
        }
        for (int i = 0; i < count; i++) {
            endpoints.put(new NodeId("node-" + (i + 1)),
                    URI.create("http://127.0.0.1:" + ports.get(i).get(120, TimeUnit.SECONDS)));
        }
        coordinator = new Coordinator("coordinator", callerKey, endpoints, settings, Clock.systemUTC());
    }

    private static String slashes(Path p) {
        return p.toAbsolutePath().toString().replace("\\", "/");
    }

    private CompletableFuture<Integer> spawn(Path config, Map<String, String> env, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx128m", "-XX:+UseSerialGC", "-cp", cp,
                NodeMain.class.getName(), config.toString());
        pb.environment().putAll(env);
        pb.redirectError(log.toFile());
        Process p = pb.start();
        processes.add(p);
        return CompletableFuture.supplyAsync(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("MPC_NODE_LISTENING port=")) {
                        return Integer.parseInt(line.substring("MPC_NODE_LISTENING port=".length()).trim());
                    }
                }
                throw new IllegalStateException("node exited before listening, see " + log);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public Coordinator coordinator() {
        return coordinator;
    }

    public List<NodeId> nodeIds() {
        return List.copyOf(endpoints.keySet());
    }

    /** Kills node {@code index} (1-based) without any shutdown (SIGKILL), as a crash would. */
    public void crash(int index) throws InterruptedException {
        processes.get(index - 1).destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** Starts node {@code index} again from its data directory, on the port it had, so the coordinator finds it. */
    public void restart(int index) throws Exception {
        Path config = configs.get(index - 1);
        int port = endpoints.get(new NodeId("node-" + index)).getPort();
        String text = Files.readString(config).replace("bind.port=0", "bind.port=" + port);
        Files.writeString(config, text);
        CompletableFuture<Integer> started = spawn(config, env, dir.resolve("node-" + index + "-restart.log"));
        Process replacement = processes.remove(processes.size() - 1);
        processes.set(index - 1, replacement);
        if (started.get(120, TimeUnit.SECONDS) != port) {
            throw new IllegalStateException("restarted node bound another port");
        }
    }

    /** Stops node {@code index} (1-based) the way an operator's SIGTERM would, and waits for it to exit. */
    public void stop(int index) throws InterruptedException {
        Process p = processes.get(index - 1);
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
