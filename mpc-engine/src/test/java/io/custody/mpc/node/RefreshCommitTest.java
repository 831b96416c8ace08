package io.custody.mpc.node;

import io.custody.mpc.ecdsa.dkg.KeygenParty;
import io.custody.mpc.ecdsa.round.MessageSignatures;
import io.custody.mpc.ecdsa.sign.MessageDigest;
import io.custody.mpc.ecdsa.sign.SignRequest;
import io.custody.mpc.frost.Ed25519Sha512;
import io.custody.mpc.frost.FrostRefreshParty;
import io.custody.mpc.storage.KeyEncryptionKey;
import io.custody.mpc.storage.KeyId;
import io.custody.mpc.storage.WalletId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The refresh commit rule on real nodes (docs/adr/frost-005): a refresh that fails in its last rounds leaves no node on
 * another generation. Either nobody holds the certificate of every party's acknowledgement, and every share file stays
 * as it was, or somebody does, and every node commits under it.
 */
class RefreshCommitTest {

    static final String ED = Ed25519Sha512.INSTANCE.protocolName();

    @TempDir
    Path dir;
    EmbeddedCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) cluster.close();
    }

    /** Node-1 flips a byte of its round-2 refresh share for party 3 only, and signs the result with its own key. */
    static ProtocolFactory frostSpoilingTheShareFor3() {
        return Tampering.factory(new FrostProtocolFactory(Ed25519Sha512.INSTANCE), (req, o) ->
                req.operation() != Operation.REFRESH ? o.session() : Tampering.outgoing(o.session(), m ->
                        m.round() == 2 && m.to() == 3 ? Tampering.resigned(m, p -> {
                            p[1] ^= 1;
                            return p;
                        }, o.node(), MessageSignatures.FROST_CONTEXT) : m));
    }

    @Test
    void a_frost_refresh_share_spoiled_for_one_peer_changes_no_share_file_and_the_key_still_signs() throws Exception {
        cluster = EmbeddedCluster.start(dir, 3, EmbeddedClusterTest::randomKek,
                i -> i == 1 ? new ProtocolRegistry().register(frostSpoilingTheShareFor3()) : ProtocolRegistry.withFrost(),
                Coordinator.Settings.defaults());
        Coordinator c = cluster.coordinator();
        ThresholdKey key = c.generateKey(new WalletId("w-r"), new KeyId("k"), ED, 2, cluster.nodeIds());
        Map<Integer, String> before = shareFiles("frost-ed25519-sha512_1.share");

        assertThatThrownBy(() -> c.refresh(key)).isInstanceOfSatisfying(CoordinatorException.class, e -> {
            assertThat(e.code()).isEqualTo("SESSION_ABORTED");
            assertThat(e.culpritNode()).isEqualTo(new NodeId("node-1"));
        });

        assertThat(shareFiles("frost-ed25519-sha512_1.share")).isEqualTo(before);
        assertThat(pendingFiles()).as("the pending generations were discarded on every party's statement").isEmpty();
        byte[] msg = {1, 2, 3};
        assertThat(EmbeddedClusterTest.ed25519Accepts(key.groupPublicKey(), msg, c.signWith(key, List.of(2, 3), msg)))
                .isTrue();
    }

    @Test
    void a_frost_refresh_whose_last_acknowledgements_are_lost_at_one_node_is_committed_there_too() throws Exception {
        // Node-3 never sees the round-3 acknowledgements: nodes 1 and 2 commit under the certificate, node-3 keeps
        // its new share pending until the coordinator's resolution hands it the certificate.
        ProtocolFactory losing = Tampering.factory(new FrostProtocolFactory(Ed25519Sha512.INSTANCE), (req, o) ->
                req.operation() != Operation.REFRESH ? o.session()
                        : Tampering.losing(o.session(), m -> m.round() == FrostRefreshParty.ACK_ROUND));
        cluster = EmbeddedCluster.start(dir, 3, EmbeddedClusterTest::randomKek,
                i -> i == 3 ? new ProtocolRegistry().register(losing) : ProtocolRegistry.withFrost(),
                Coordinator.Settings.defaults());
        Coordinator c = cluster.coordinator();
        ThresholdKey key = c.generateKey(new WalletId("w-l"), new KeyId("k"), ED, 2, cluster.nodeIds());
        Map<Integer, String> before = shareFiles("frost-ed25519-sha512_1.share");

        assertThatThrownBy(() -> c.refresh(key)).isInstanceOf(CoordinatorException.class);

        Map<Integer, String> after = shareFiles("frost-ed25519-sha512_1.share");
        for (int node = 1; node <= 3; node++) {
            assertThat(after.get(node)).as("node-" + node + " moved to the new generation").isNotEqualTo(before.get(node));
        }
        assertThat(pendingFiles()).isEmpty();
        cluster.stop(new NodeId("node-1"));
        byte[] msg = {4, 5};
        assertThat(EmbeddedClusterTest.ed25519Accepts(key.groupPublicKey(), msg, c.sign(key, msg))).isTrue();
    }

    @Test
    void an_ecdsa_refresh_share_spoiled_for_one_peer_changes_no_share_file_and_the_key_still_signs() throws Exception {
        IntFunction<KeyEncryptionKey> keks = EcdsaTestCluster.fixedKeks(3);
        EcdsaTestCluster.prefillPools(dir, 3, keks, 6, 4);
        ProtocolFactory spoiling = Tampering.factory(new EcdsaProtocolFactory(EmbeddedCluster.nodeDir(dir, 1),
                EcdsaTestCluster.SETTINGS), (req, o) -> req.operation() != Operation.REFRESH ? o.session()
                : Tampering.outgoing(o.session(), m -> m.round() == 3 && m.to() == 3 ? Tampering.resigned(m, p -> {
                    p[p.length / 3] ^= 1;
                    return p;
                }, o.node(), MessageSignatures.CONTEXT) : m));
        cluster = EmbeddedCluster.start(dir, 3, keks, i -> i == 1
                        ? ProtocolRegistry.withFrost().register(spoiling)
                        : ProtocolRegistry.withFrostAndEcdsa(EmbeddedCluster.nodeDir(dir, i), EcdsaTestCluster.SETTINGS),
                TestClusters.SLOW_COORDINATOR);
        EcdsaCoordinator ecdsa = cluster.ecdsa();
        ThresholdKey key = ecdsa.generateKey(new WalletId("w-e"), new KeyId("evm"), 2, cluster.nodeIds());
        Map<Integer, String> before = shareFiles("ecdsa-secp256k1_1.share");

        assertThatThrownBy(() -> ecdsa.refresh(key)).isInstanceOfSatisfying(CoordinatorException.class, e -> {
            assertThat(e.code()).isEqualTo("SESSION_ABORTED");
            assertThat(e.culpritNode()).isEqualTo(new NodeId("node-1"));
        });

        assertThat(shareFiles("ecdsa-secp256k1_1.share")).isEqualTo(before);
        assertThat(pendingFiles()).isEmpty();
        SignRequest what = new SignRequest("after a failed refresh".getBytes(StandardCharsets.UTF_8),
                MessageDigest.KECCAK_256, List.of());
        RecoverableSignature sig = ecdsa.sign(key, what);
        assertThat(EcdsaTestCluster.bouncyCastleAccepts(EcdsaCoordinator.publicKey(key).point(),
                MessageDigest.KECCAK_256.digest(what.message()), sig)).isTrue();
        assertThat(KeygenParty.ACK_ROUND).isEqualTo(4);
    }

    private Map<Integer, String> shareFiles(String suffix) throws Exception {
        Map<Integer, String> out = new TreeMap<>();
        for (int node = 1; node <= 3; node++) {
            try (var files = Files.walk(EmbeddedCluster.nodeDir(dir, node))) {
                List<Path> shares = files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
                assertThat(shares).hasSize(1);
                out.put(node, org.bouncycastle.util.encoders.Hex.toHexString(Files.readAllBytes(shares.get(0))));
            }
        }
        return out;
    }

    private List<Path> pendingFiles() throws Exception {
        try (var files = Files.walk(dir)) {
            return files.filter(f -> f.getFileName().toString().contains("-pending_")).toList();
        }
    }
}
