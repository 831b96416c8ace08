package io.custody.mpc.node;

import com.sun.net.httpserver.HttpServer;
import io.custody.mpc.frost.Ed25519Sha512;
import io.custody.mpc.storage.KeyId;
import io.custody.mpc.storage.WalletId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The coordinator against a node that looks healthy but fails once a session starts: a crashing one is left out and
 * signing is retried with the others; a hanging one runs the session into its timeout.
 */
class CoordinatorFailoverTest {

    @TempDir
    Path dir;
    EmbeddedCluster cluster;
    HttpServer stub;
    final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        cluster = EmbeddedCluster.start(dir, 3, EmbeddedClusterTest::randomKek, ProtocolRegistry.withFrost(),
                Coordinator.Settings.defaults());
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (stub != null) {
            stub.stop(0);
        }
        cluster.close();
    }

    /** A stand-in for node-1: healthy on /v1/health, then either fails (500) or hangs on session requests. */
    private URI stubNode(boolean hang) throws IOException {
        stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.createContext("/v1/", ex -> {
            try (ex) {
                if (ex.getRequestURI().getPath().equals("/v1/health")) {
                    ex.sendResponseHeaders(200, -1);
                    return;
                }
                if (hang) {
                    release.await();
                }
                byte[] body = "{\"error\":{\"code\":\"INTERNAL\",\"message\":\"crashed\",\"details\":{},\"traceId\":\"t\"}}"
                        .getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(500, body.length);
                ex.getResponseBody().write(body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        stub.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "stub-node");
            t.setDaemon(true);
            return t;
        }));
        stub.start();
        return URI.create("http://127.0.0.1:" + stub.getAddress().getPort());
    }

    private ThresholdKey keygen() {
        return cluster.coordinator().generateKey(new WalletId("w"), new KeyId("k"), Ed25519Sha512.INSTANCE.protocolName(),
                2, cluster.nodeIds());
    }

    @Test
    void node_failing_mid_session_is_left_out_and_signing_is_retried_with_the_others() throws Exception {
        ThresholdKey key = keygen();
        Coordinator c = cluster.coordinatorWith(Map.of(new NodeId("node-1"), stubNode(false)),
                Coordinator.Settings.defaults());
        byte[] msg = {1, 2};
        assertThat(EmbeddedClusterTest.ed25519Accepts(key.groupPublicKey(), msg, c.sign(key, msg))).isTrue();
    }

    @Test
    void session_that_does_not_finish_in_time_fails_with_a_timeout() throws Exception {
        ThresholdKey key = keygen();
        Coordinator c = cluster.coordinatorWith(Map.of(new NodeId("node-1"), stubNode(true)),
                new Coordinator.Settings(Duration.ofSeconds(5), Duration.ofMillis(700), Duration.ofSeconds(2)));
        assertThatThrownBy(() -> c.sign(key, new byte[] {1})).isInstanceOfSatisfying(CoordinatorException.class,
                e -> {
                    assertThat(e.code()).isEqualTo("SESSION_TIMEOUT");
                    assertThat(e.culpritNode()).isEqualTo(new NodeId("node-1"));
                });
    }
}
