package io.custody.infra.mpc;

import io.custody.mpc.client.ClusterMpcClient;
import io.custody.mpc.client.MpcClient;
import io.custody.mpc.ecdsa.zk.SecurityLevel;
import io.custody.mpc.node.Coordinator;
import io.custody.mpc.node.EcdsaCoordinator;
import io.custody.mpc.node.EcdsaNodeSettings;
import io.custody.mpc.node.EmbeddedCluster;
import io.custody.mpc.node.ProtocolRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The all-in-one topology's MPC cluster: three nodes in this JVM, each with its own encrypted share store under
 * {@code $CUSTODY_DATA_DIR/mpc/node-N}, its own identity keys and its own loopback HTTP port, reached through the same
 * signed and end-to-end-encrypted envelopes as separate node processes. The distributed topology turns this off
 * ({@code custody.mpc.embedded.enabled=false}) and points a coordinator at remote nodes instead.
 *
 * <p>Every node runs FROST and threshold ECDSA. ECDSA's safe-prime pool ({@code node-N/ecdsa-safe-primes-1024.pool},
 * sealed under a key kept in the node's share store) opens when the node starts, so that the low-priority search for
 * the first wallet's primes runs while nobody waits yet (issue 12: the all-in-one fills its pools from start-up);
 * {@code custody.mpc.ecdsa.prime-pool.open-at-start=false} defers it to the first ECDSA key generation, for an
 * application (or a test run) that never uses ECDSA and should not pay minutes of CPU.
 * {@code custody.mpc.ecdsa.prime-pool.target} (default 2, one key generation) is how many primes the low-priority background thread keeps; 0 stops the search.
 * {@code custody.mpc.ecdsa.security-level} (128 by default, 112 allowed; ADR ecdsa-009) sets the Paillier modulus
 * size every node requires of its peers: 128-bit needs 1536-bit safe primes, a longer search than 112-bit's 1024-bit.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "custody.mpc.embedded.enabled", havingValue = "true", matchIfMissing = true)
public class EmbeddedMpcClusterConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedCluster mpcCluster(Environment environment) {
        Path base = baseDir(environment);
        int nodes = environment.getProperty("custody.mpc.nodes", Integer.class, 3);
        KeyEncryptionKeys keys = new KeyEncryptionKeys(environment, base.resolve("dev-keks"));
        EcdsaNodeSettings ecdsa = ecdsaSettings(environment);
        try {
            return EmbeddedCluster.start(base, nodes, keys::forNode,
                    i -> ProtocolRegistry.withFrostAndEcdsa(EmbeddedCluster.nodeDir(base, i), ecdsa),
                    coordinatorSettings(environment));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded MPC cluster in " + base, e);
        }
    }

    /**
     * How long the coordinator waits for one node's answer and for a whole session. Threshold ECDSA key generation's
     * second round (every peer's modulus and parameter proofs) is the longest request a node answers; on a small
     * machine under load it takes tens of seconds, far beyond the 10 s that suits FROST, and a timed-out key
     * generation cannot simply be asked again (the nodes may hold a partial key: IN_DOUBT).
     */
    static Coordinator.Settings coordinatorSettings(Environment environment) {
        return new Coordinator.Settings(
                Duration.ofSeconds(environment.getProperty("custody.mpc.coordinator.request-timeout-seconds",
                        Long.class, 120L)),
                Duration.ofSeconds(environment.getProperty("custody.mpc.coordinator.session-timeout-seconds",
                        Long.class, 240L)),
                Duration.ofSeconds(environment.getProperty("custody.mpc.coordinator.health-timeout-seconds",
                        Long.class, 2L)));
    }

    static Path baseDir(Environment environment) {
        Path dataDir = Path.of(environment.getProperty("CUSTODY_DATA_DIR", "./data"));
        return Path.of(environment.getProperty("custody.mpc.data-dir", dataDir.resolve("mpc").toString()))
                .toAbsolutePath().normalize();
    }

    /**
     * The sagas' client (ADR mpc-001). Its idempotency journal lives beside the nodes' share stores, so a saga that
     * retries after a restart gets the same key generation or signature back. A small pool of its own keeps a slow
     * key generation from holding up the threads of the web layer or of Axon.
     */
    @Bean
    MpcClient mpcClient(EmbeddedCluster cluster, Coordinator coordinator, Environment environment) {
        ExecutorService calls = Executors.newFixedThreadPool(
                environment.getProperty("custody.mpc.client.threads", Integer.class, 4), runnable -> {
                    Thread thread = new Thread(runnable, "mpc-client");
                    thread.setDaemon(true);
                    return thread;
                });
        return new ClusterMpcClient(coordinator, cluster.nodeIds(), baseDir(environment).resolve("client-journal"),
                calls, Duration.ofSeconds(environment.getProperty("custody.mpc.client.timeout-seconds", Long.class,
                600L)));
    }

    static EcdsaNodeSettings ecdsaSettings(Environment environment) {
        return new EcdsaNodeSettings(
                environment.getProperty("custody.mpc.ecdsa.prime-pool.target", Integer.class, 2),
                environment.getProperty("custody.mpc.ecdsa.prime-pool.open-at-start", Boolean.class, true),
                Duration.ofSeconds(environment.getProperty("custody.mpc.ecdsa.presignature.ttl-seconds", Long.class,
                        600L)),
                environment.getProperty("custody.mpc.ecdsa.presignature.per-key", Integer.class, 32),
                securityLevel(environment));
    }

    private static SecurityLevel securityLevel(Environment environment) {
        int bits = environment.getProperty("custody.mpc.ecdsa.security-level", Integer.class,
                SecurityLevel.DEFAULT.bits());
        return SecurityLevel.ofBits(bits).orElseThrow(() -> new IllegalArgumentException(
                "custody.mpc.ecdsa.security-level must be 112 or 128, not " + bits));
    }

    @Bean
    Coordinator mpcCoordinator(EmbeddedCluster cluster) {
        return cluster.coordinator();
    }

    @Bean
    EcdsaCoordinator mpcEcdsaCoordinator(Coordinator coordinator) {
        return new EcdsaCoordinator(coordinator);
    }
}
