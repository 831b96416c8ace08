package io.custody.mpc.node;

import io.custody.mpc.ecdsa.sign.MessageDigest;
import io.custody.mpc.ecdsa.sign.SignRequest;
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
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Refresh through the nodes: same key, new shares that sign, and an old share put back cannot take part. */
class EcdsaRefreshTest {

    @TempDir
    Path dir;
    EmbeddedCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) cluster.close();
    }

    @Test
    void after_refresh_the_key_signs_and_a_restored_old_share_no_longer_signs() throws Exception {
        IntFunction<KeyEncryptionKey> keks = EcdsaTestCluster.fixedKeks(3);
        EcdsaTestCluster.prefillPools(dir, 3, keks, 6, 4); // two Paillier keys per node: keygen and refresh
        cluster = EmbeddedCluster.startWithEcdsa(dir, 3, keks, EcdsaTestCluster.SETTINGS, EcdsaTestCluster.COORDINATOR);
        EcdsaCoordinator ecdsa = cluster.ecdsa();
        ThresholdKey key = ecdsa.generateKey(new WalletId("wallet-r"), new KeyId("evm"), 2, cluster.nodeIds());
        Path shareFile = shareFileOf(1);
        byte[] oldShare = Files.readAllBytes(shareFile);
        PresignatureRef madeBeforeRefresh = ecdsa.presign(key);

        ThresholdKey refreshed = ecdsa.refresh(key);

        assertThat(refreshed.groupPublicKey()).isEqualTo(key.groupPublicKey());
        assertThat(Files.readAllBytes(shareFile)).isNotEqualTo(oldShare);
        assertThatThrownBy(() -> ecdsa.sign(key, madeBeforeRefresh, message("stale presignature")))
                .isInstanceOfSatisfying(CoordinatorException.class,
                        e -> assertThat(e.check()).isEqualTo("PRESIGNATURE_UNKNOWN"));
        SignRequest what = message("after refresh");
        RecoverableSignature sig = ecdsa.sign(refreshed, what);
        assertThat(EcdsaTestCluster.bouncyCastleAccepts(EcdsaCoordinator.publicKey(key).point(),
                MessageDigest.KECCAK_256.digest(what.message()), sig)).isTrue();

        // An attacker who kept node-1's pre-refresh share file and puts it back: with node-3 down, node-1 (old
        // generation) and node-2 (new) are the only possible signers, and they cannot produce a signature.
        Files.write(shareFile, oldShare);
        cluster.stop(new NodeId("node-3"));
        assertThatThrownBy(() -> ecdsa.sign(refreshed, message("with the old share")))
                .isInstanceOfSatisfying(CoordinatorException.class,
                        e -> assertThat(e.code()).isIn("INSUFFICIENT_NODES", "SESSION_ABORTED"));
    }

    private Path shareFileOf(int node) throws Exception {
        try (var files = Files.walk(EmbeddedCluster.nodeDir(dir, node))) {
            List<Path> shares = files.filter(f -> f.getFileName().toString().endsWith("ecdsa-secp256k1_1.share")).toList();
            assertThat(shares).hasSize(1);
            return shares.get(0);
        }
    }

    private static SignRequest message(String text) {
        return new SignRequest(text.getBytes(StandardCharsets.UTF_8), MessageDigest.KECCAK_256, List.of());
    }
}
