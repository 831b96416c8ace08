package io.custody.mpc.node;

import io.custody.mpc.frost.Ed25519Sha512;
import io.custody.mpc.storage.EncryptedShareStore;
import io.custody.mpc.storage.KeyEncryptionKey;
import io.custody.mpc.storage.KeyId;
import io.custody.mpc.storage.WalletId;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The distributed topology in miniature: three node processes (separate JVMs on the module's test classpath), each
 * with its own data directory, key-encryption key (two from files, one from an environment variable) and loopback
 * port; the coordinator in this JVM generates a key and signs through them, then loses nodes one by one.
 */
class MultiProcessClusterTest {

    static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;
    final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Starts one node JVM and waits for its "listening" line; returns its port. */
    private CompletableFuture<Integer> launch(Path config, Map<String, String> env, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", cp, NodeMain.class.getName(), config.toString());
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
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void three_node_processes_generate_a_key_sign_and_fail_over() throws Exception {
        Ed25519PrivateKeyParameters callerKey = new Ed25519PrivateKeyParameters(RANDOM);
        Map<NodeId, ClusterRoster.Member> members = new LinkedHashMap<>();
        List<Path> configs = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 1; i <= 3; i++) {
            NodeId id = new NodeId("node-" + i);
            Path data = Files.createDirectories(dir.resolve(id.value()));
            byte[] kek = new byte[32];
            RANDOM.nextBytes(kek);
            NodeIdentity identity = NodeIdentity.generate(id, RANDOM);
            IdentityVault.save(new EncryptedShareStore(data, KeyEncryptionKey.of(kek), RANDOM), identity);
            members.put(id, new ClusterRoster.Member(id, URI.create("http://127.0.0.1:0"), identity.publicKeys()));
            StringBuilder cfg = new StringBuilder("node.id=" + id + "\nbind.host=127.0.0.1\nbind.port=0\n")
                    .append("data.dir=").append(data.toString().replace("\\", "/")).append('\n')
                    .append("roster.file=").append(dir.resolve("roster.properties").toString().replace("\\", "/")).append('\n');
            if (i == 3) {
                env.put("MPC_NODE3_KEK", Base64.getEncoder().encodeToString(kek));
                cfg.append("kek.env=MPC_NODE3_KEK\n");
            } else {
                Path kekFile = dir.resolve(id + ".kek");
                Files.write(kekFile, kek);
                cfg.append("kek.file=").append(kekFile.toString().replace("\\", "/")).append('\n');
            }
            Path config = dir.resolve(id + ".properties");
            Files.writeString(config, cfg.toString());
            configs.add(config);
        }
        try (Writer w = Files.newBufferedWriter(dir.resolve("roster.properties"))) {
            new ClusterRoster(members, Map.of("coordinator", callerKey.generatePublicKey().getEncoded())).write(w);
        }
        List<CompletableFuture<Integer>> ports = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ports.add(launch(configs.get(i), env, dir.resolve("node-" + (i + 1) + ".log")));
        }
        Map<NodeId, URI> endpoints = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            endpoints.put(new NodeId("node-" + (i + 1)),
                    URI.create("http://127.0.0.1:" + ports.get(i).get(90, TimeUnit.SECONDS)));
        }
        Coordinator coordinator = new Coordinator("coordinator", callerKey, endpoints,
                new Coordinator.Settings(Duration.ofSeconds(20), Duration.ofSeconds(40), Duration.ofSeconds(2)),
                Clock.systemUTC());

        ThresholdKey key = coordinator.generateKey(new WalletId("wallet-mp"), new KeyId("aptos"),
                Ed25519Sha512.INSTANCE.protocolName(), 2, List.copyOf(endpoints.keySet()));
        byte[] msg = "three processes".getBytes(StandardCharsets.UTF_8);
        assertThat(EmbeddedClusterTest.ed25519Accepts(key.groupPublicKey(), msg, coordinator.sign(key, msg))).isTrue();

        processes.get(0).destroy();
        processes.get(0).waitFor(10, TimeUnit.SECONDS);
        byte[] msg2 = "node-1 is down".getBytes(StandardCharsets.UTF_8);
        assertThat(EmbeddedClusterTest.ed25519Accepts(key.groupPublicKey(), msg2, coordinator.sign(key, msg2))).isTrue();

        processes.get(1).destroy();
        processes.get(1).waitFor(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> coordinator.sign(key, msg))
                .isInstanceOfSatisfying(CoordinatorException.class, e -> assertThat(e.code()).isEqualTo("INSUFFICIENT_NODES"));
    }
}
