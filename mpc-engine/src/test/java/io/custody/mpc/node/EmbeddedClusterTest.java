package io.custody.mpc.node;

import io.custody.mpc.frost.Ed25519Sha512;
import io.custody.mpc.frost.Secp256k1Sha256;
import io.custody.mpc.storage.KeyEncryptionKey;
import io.custody.mpc.storage.KeyId;
import io.custody.mpc.storage.WalletId;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Three nodes in one JVM over real loopback HTTP, driven by the coordinator exactly as the sagas will. */
class EmbeddedClusterTest {

    static final SecureRandom RANDOM = new SecureRandom();
    static final String ED = Ed25519Sha512.INSTANCE.protocolName();

    @TempDir
    Path dir;
    EmbeddedCluster cluster;

    static KeyEncryptionKey randomKek(int i) {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        return KeyEncryptionKey.of(k);
    }

    @BeforeEach
    void start() throws Exception {
        cluster = EmbeddedCluster.start(dir, 3, EmbeddedClusterTest::randomKek, ProtocolRegistry.withFrost(),
                new Coordinator.Settings(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(2)));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    static boolean ed25519Accepts(byte[] pk, byte[] msg, byte[] sig) {
        Ed25519Signer v = new Ed25519Signer();
        v.init(false, new Ed25519PublicKeyParameters(pk, 0));
        v.update(msg, 0, msg.length);
        return v.verifySignature(sig);
    }

    ThresholdKey keygen(String protocol) {
        return cluster.coordinator().generateKey(new WalletId("wallet-7"), new KeyId("main"), protocol, 2,
                cluster.nodeIds());
    }

    @Test
    void cluster_generates_a_key_and_signs_a_plain_ed25519_signature() {
        ThresholdKey key = keygen(ED);
        byte[] msg = "aptos transfer".getBytes(StandardCharsets.UTF_8);
        byte[] sig = cluster.coordinator().sign(key, msg);
        assertThat(ed25519Accepts(key.groupPublicKey(), msg, sig)).isTrue();
    }

    @Test
    void signing_succeeds_with_one_node_down_and_fails_fast_with_two_down() {
        ThresholdKey key = keygen(ED);
        byte[] msg = {1, 2, 3};
        cluster.stop(new NodeId("node-1"));
        assertThat(ed25519Accepts(key.groupPublicKey(), msg, cluster.coordinator().sign(key, msg))).isTrue();
        cluster.stop(new NodeId("node-3"));
        assertThatThrownBy(() -> cluster.coordinator().sign(key, msg))
                .isInstanceOfSatisfying(CoordinatorException.class, e -> {
                    assertThat(e.code()).isEqualTo("INSUFFICIENT_NODES");
                    assertThat(e.getMessage()).contains("needs 2 of 3").contains("only 1 available");
                });
    }

    @Test
    void refresh_keeps_the_group_key_and_the_cluster_still_signs() {
        ThresholdKey key = keygen(ED);
        ThresholdKey refreshed = cluster.coordinator().refresh(key);
        assertThat(refreshed.groupPublicKey()).isEqualTo(key.groupPublicKey());
        byte[] msg = {9};
        assertThat(ed25519Accepts(key.groupPublicKey(), msg, cluster.coordinator().sign(refreshed, msg))).isTrue();
    }

    @Test
    void secp256k1_key_signs_through_the_same_cluster() {
        ThresholdKey key = cluster.coordinator().generateKey(new WalletId("wallet-7"), new KeyId("evm"),
                Secp256k1Sha256.INSTANCE.protocolName(), 2, cluster.nodeIds());
        byte[] msg = {4, 5};
        byte[] sig = cluster.coordinator().sign(key, msg);
        var cs = Secp256k1Sha256.INSTANCE;
        var r = cs.deserializeElement(java.util.Arrays.copyOf(sig, 33));
        var z = cs.deserializeScalar(java.util.Arrays.copyOfRange(sig, 33, 65));
        assertThat(cs.verify(cs.deserializeElement(key.groupPublicKey()), msg, new io.custody.mpc.frost.FrostSignature(r, z)))
                .isTrue();
    }

    @Test
    void second_key_generation_for_the_same_slot_is_refused_so_a_share_is_never_overwritten() {
        keygen(ED);
        assertThatThrownBy(() -> keygen(ED)).isInstanceOfSatisfying(CoordinatorException.class,
                e -> assertThat(e.code()).isEqualTo("NODE_REFUSED"));
    }

    @Test
    void signing_a_key_the_nodes_do_not_hold_reports_the_missing_share() {
        ThresholdKey key = keygen(ED);
        ThresholdKey unknown = new ThresholdKey(key.wallet(), new KeyId("never-generated"), key.protocol(),
                key.threshold(), key.parties(), key.groupPublicKey());
        assertThatThrownBy(() -> cluster.coordinator().sign(unknown, new byte[] {1}))
                .isInstanceOfSatisfying(CoordinatorException.class, e -> assertThat(e.check()).isEqualTo("SHARE_MISSING"));
    }

    @Test
    void frost_refuses_a_presign_session_because_it_has_no_offline_phase() {
        ThresholdKey key = keygen(ED);
        assertThatThrownBy(() -> cluster.coordinator().presign(key, new byte[0]))
                .isInstanceOfSatisfying(CoordinatorException.class, e -> {
                    assertThat(e.code()).isEqualTo("NODE_REFUSED");
                    assertThat(e.getMessage()).contains("no presign phase");
                });
    }

    @Test
    void failed_session_is_cancelled_on_the_nodes_that_started_it() throws Exception {
        ThresholdKey key = keygen(ED);
        // Node 2 refuses (its share file is gone) after node 1 has opened the session: node 1 must not keep it.
        try (var files = java.nio.file.Files.walk(dir.resolve("node-2"))) {
            files.filter(f -> f.toString().endsWith(".frost-ed25519-sha512_1.share")).forEach(f -> f.toFile().delete());
        }
        assertThatThrownBy(() -> cluster.coordinator().sign(key, new byte[] {1}))
                .isInstanceOfSatisfying(CoordinatorException.class, e -> assertThat(e.check()).isEqualTo("SHARE_MISSING"));
        long deadline = System.currentTimeMillis() + 5000; // the cancel is sent without waiting for the answer
        while (cluster.runningSessions(new NodeId("node-1")) > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(cluster.runningSessions(new NodeId("node-1"))).isZero();
    }

    @Test
    void unregistered_protocol_is_refused() {
        assertThatThrownBy(() -> cluster.coordinator().generateKey(new WalletId("w"), new KeyId("k"), "cggmp-secp256k1/1",
                2, cluster.nodeIds())).isInstanceOfSatisfying(CoordinatorException.class,
                e -> assertThat(e.check()).isEqualTo("UNKNOWN_PROTOCOL"));
    }

    @Test
    void unsigned_request_to_a_node_is_refused_with_the_error_format() throws Exception {
        URI base = cluster.coordinatorEndpoint(new NodeId("node-2"));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/v1/sessions"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1})).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).startsWith("{\"error\":{\"code\":\"UNAUTHENTICATED\"").contains("\"traceId\":\"");
    }

    @Test
    void coordinator_whose_key_is_not_in_the_roster_is_refused() {
        java.util.Map<NodeId, URI> endpoints = new java.util.LinkedHashMap<>();
        cluster.nodeIds().forEach(n -> endpoints.put(n, cluster.coordinatorEndpoint(n)));
        Coordinator intruder = new Coordinator("coordinator",
                new org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters(RANDOM), endpoints,
                Coordinator.Settings.defaults(), java.time.Clock.systemUTC());
        assertThatThrownBy(() -> intruder.generateKey(new WalletId("w"), new KeyId("k"), ED, 2, cluster.nodeIds()))
                .isInstanceOfSatisfying(CoordinatorException.class, e -> {
                    assertThat(e.code()).isEqualTo("NODE_REFUSED");
                    assertThat(e.check()).isEqualTo("BAD_SIGNATURE");
                });
        Coordinator unknown = new Coordinator("someone-else",
                new org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters(RANDOM), endpoints,
                Coordinator.Settings.defaults(), java.time.Clock.systemUTC());
        assertThatThrownBy(() -> unknown.generateKey(new WalletId("w"), new KeyId("k"), ED, 2, cluster.nodeIds()))
                .isInstanceOfSatisfying(CoordinatorException.class, e -> assertThat(e.check()).isEqualTo("UNKNOWN_CALLER"));
    }

    @Test
    void sessions_are_refused_for_nodes_outside_the_roster() {
        assertThatThrownBy(() -> cluster.coordinator().generateKey(new WalletId("w"), new KeyId("k"), ED, 2,
                List.of(new NodeId("node-1"), new NodeId("node-2"), new NodeId("node-9"))))
                .isInstanceOfSatisfying(CoordinatorException.class, e -> assertThat(e.code()).isEqualTo("INSUFFICIENT_NODES"));
    }
}
