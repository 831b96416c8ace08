package io.custody.mpc.node;

import io.custody.mpc.frost.Ed25519Sha512;
import io.custody.mpc.storage.KeyId;
import io.custody.mpc.storage.WalletId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The distributed topology in miniature: three node processes (separate JVMs on the module's test classpath), each
 * with its own data directory, key-encryption key (two from files, one from an environment variable) and loopback
 * port; the coordinator in this JVM generates a key and signs through them, crashes and restarts one, then loses
 * nodes until signing must fail.
 */
class MultiProcessClusterTest {

    @TempDir
    Path dir;

    @Test
    void three_node_processes_generate_a_key_sign_survive_a_crash_and_fail_fast_when_too_few_remain() throws Exception {
        try (NodeProcessCluster cluster = NodeProcessCluster.start(dir, 3,
                new Coordinator.Settings(Duration.ofSeconds(20), Duration.ofSeconds(40), Duration.ofSeconds(2)))) {
            Coordinator coordinator = cluster.coordinator();
            ThresholdKey key = coordinator.generateKey(new WalletId("wallet-mp"), new KeyId("aptos"),
                    Ed25519Sha512.INSTANCE.protocolName(), 2, cluster.nodeIds());
            byte[] msg = "three processes".getBytes(StandardCharsets.UTF_8);
            assertThat(EmbeddedClusterTest.ed25519Accepts(key.groupPublicKey(), msg, coordinator.sign(key, msg))).isTrue();

            // node-1 crashes (SIGKILL) and comes back from its data directory: its share is intact and it signs
            // again; with node-3 gone the signature needs node-1.
            cluster.crash(1);
            cluster.restart(1);
            cluster.stop(3);
            byte[] msg2 = "node-1 restarted, node-3 down".getBytes(StandardCharsets.UTF_8);
            assertThat(EmbeddedClusterTest.ed25519Accepts(key.groupPublicKey(), msg2, coordinator.sign(key, msg2)))
                    .isTrue();

            cluster.stop(2);
            assertThatThrownBy(() -> coordinator.sign(key, msg)).isInstanceOfSatisfying(CoordinatorException.class,
                    e -> assertThat(e.code()).isEqualTo("INSUFFICIENT_NODES"));
        }
    }
}
