package io.custody.infra.mpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custody.infra.support.RunningApplication;
import io.custody.mpc.client.DerivationPath;
import io.custody.mpc.client.GenerateKeyRequest;
import io.custody.mpc.client.IdempotencyKey;
import io.custody.mpc.client.KeyDescriptor;
import io.custody.mpc.client.KeyRef;
import io.custody.mpc.client.MessageHash;
import io.custody.mpc.client.MpcClient;
import io.custody.mpc.client.SignMessageRequest;
import io.custody.mpc.client.SignatureResult;
import io.custody.mpc.client.SignatureScheme;
import io.custody.mpc.node.Coordinator;
import io.custody.mpc.node.ThresholdKey;
import io.custody.mpc.storage.KeyId;
import io.custody.mpc.storage.WalletId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The all-in-one application runs three MPC nodes; their shares survive a restart and still sign. */
class EmbeddedMpcClusterTest {

    @TempDir
    Path dataDir;

    @Test
    void the_embedded_cluster_generates_a_key_signs_and_signs_again_after_a_restart() {
        ThresholdKey key;
        byte[] message = "withdrawal 42".getBytes(StandardCharsets.UTF_8);
        String[] args = {};
        try (RunningApplication app = RunningApplication.start(dataDir, args)) {
            Coordinator coordinator = app.context().getBean(Coordinator.class);
            var cluster = app.context().getBean(io.custody.mpc.node.EmbeddedCluster.class);
            assertThat(cluster.nodeIds()).hasSize(3);
            key = coordinator.generateKey(new WalletId("wallet-1"), new KeyId("aptos"), "frost-ed25519-sha512/1", 2,
                    cluster.nodeIds());
            assertThat(verifies(key, message, coordinator.sign(key, message))).isTrue();
        }
        assertThat(dataDir.resolve("mpc/dev-keks/node-1.kek")).exists();
        try (RunningApplication app = RunningApplication.start(dataDir, args)) {
            byte[] signature = app.context().getBean(Coordinator.class).sign(key, message);
            assertThat(verifies(key, message, signature)).isTrue();
            assertThat(verifies(key, "another message".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
        }
    }

    @Test
    void the_sagas_client_is_wired_and_answers_a_repeated_request_from_its_journal_after_a_restart() {
        var request = new GenerateKeyRequest(new KeyRef("wallet-3", "aptos"), SignatureScheme.FROST_ED25519, 2);
        IdempotencyKey once = new IdempotencyKey("provision-wallet-3");
        byte[] message = "withdrawal 43".getBytes(StandardCharsets.UTF_8);
        KeyDescriptor first;
        SignatureResult signed;
        try (RunningApplication app = RunningApplication.start(dataDir)) {
            MpcClient client = app.context().getBean(MpcClient.class);
            first = client.generateKey(once, request).join();
            signed = client.sign(new IdempotencyKey("sign-43"), new SignMessageRequest(request.key(), message,
                    MessageHash.ED25519_PURE, DerivationPath.ROOT)).join();
        }
        try (RunningApplication app = RunningApplication.start(dataDir)) {
            MpcClient client = app.context().getBean(MpcClient.class);
            assertThat(client.generateKey(once, request).join().publicKey()).isEqualTo(first.publicKey());
            assertThat(client.sign(new IdempotencyKey("sign-43"), new SignMessageRequest(request.key(), message,
                    MessageHash.ED25519_PURE, DerivationPath.ROOT)).join().signature()).isEqualTo(signed.signature());
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(first.publicKey(), 0));
        verifier.update(message, 0, message.length);
        assertThat(verifier.verifySignature(signed.signature())).isTrue();
    }

    @Test
    void the_embedded_nodes_run_threshold_ecdsa_and_refuse_key_generation_without_primes_instead_of_searching() {
        // Target 0: the pool opened by this key generation searches nothing, so the test costs one start, no CPU.
        try (RunningApplication app = RunningApplication.start(dataDir, "--custody.mpc.ecdsa.prime-pool.target=0")) {
            var cluster = app.context().getBean(io.custody.mpc.node.EmbeddedCluster.class);
            var ecdsa = app.context().getBean(io.custody.mpc.node.EcdsaCoordinator.class);
            assertThatThrownBy(() -> ecdsa.generateKey(new WalletId("wallet-3"), new KeyId("evm"), 2, cluster.nodeIds()))
                    .isInstanceOfSatisfying(io.custody.mpc.node.CoordinatorException.class,
                            e -> assertThat(e.check()).isEqualTo("PRIME_POOL_EMPTY"));
        }
    }

    @Test
    void a_share_file_never_contains_the_plain_key_material() throws Exception {
        try (RunningApplication app = RunningApplication.start(dataDir)) {
            var cluster = app.context().getBean(io.custody.mpc.node.EmbeddedCluster.class);
            ThresholdKey key = app.context().getBean(Coordinator.class).generateKey(new WalletId("wallet-2"),
                    new KeyId("aptos"), "frost-ed25519-sha512/1", 2, cluster.nodeIds());
            byte[] groupKey = key.groupPublicKey();
            try (var files = Files.walk(dataDir.resolve("mpc"))) {
                // the group public key appears in no stored file in the clear: every file is sealed
                assertThat(files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".kek"))
                        .noneMatch(f -> contains(read(f), groupKey))).isTrue();
            }
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) continue outer;
            }
            return true;
        }
        return false;
    }

    private static boolean verifies(ThresholdKey key, byte[] message, byte[] signature) {
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(key.groupPublicKey(), 0));
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }
}
