package io.custody.infra.mpc;

import io.custody.mpc.node.Coordinator;
import io.custody.mpc.node.EmbeddedCluster;
import io.custody.mpc.node.ProtocolRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The all-in-one topology's MPC cluster: three nodes in this JVM, each with its own encrypted share store under
 * {@code $CUSTODY_DATA_DIR/mpc/node-N}, its own identity keys and its own loopback HTTP port, reached through the same
 * signed and end-to-end-encrypted envelopes as separate node processes. The distributed topology turns this off
 * ({@code custody.mpc.embedded.enabled=false}) and points a coordinator at remote nodes instead.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "custody.mpc.embedded.enabled", havingValue = "true", matchIfMissing = true)
public class EmbeddedMpcClusterConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedCluster mpcCluster(Environment environment) {
        Path dataDir = Path.of(environment.getProperty("CUSTODY_DATA_DIR", "./data"));
        Path base = Path.of(environment.getProperty("custody.mpc.data-dir", dataDir.resolve("mpc").toString()))
                .toAbsolutePath().normalize();
        int nodes = environment.getProperty("custody.mpc.nodes", Integer.class, 3);
        KeyEncryptionKeys keys = new KeyEncryptionKeys(environment, base.resolve("dev-keks"));
        try {
            return EmbeddedCluster.start(base, nodes, keys::forNode, ProtocolRegistry.withFrost(),
                    Coordinator.Settings.defaults());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded MPC cluster in " + base, e);
        }
    }

    @Bean
    Coordinator mpcCoordinator(EmbeddedCluster cluster) {
        return cluster.coordinator();
    }
}
