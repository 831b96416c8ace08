package io.custody.mpc.node;

import io.custody.mpc.ecdsa.bip32.Bip32;
import io.custody.mpc.ecdsa.curve.Secp256k1;
import io.custody.mpc.ecdsa.sign.MessageDigest;
import io.custody.mpc.ecdsa.sign.SignRequest;
import io.custody.mpc.storage.KeyEncryptionKey;
import io.custody.mpc.storage.KeyId;
import io.custody.mpc.storage.WalletId;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Threshold ECDSA through three real nodes on loopback HTTP, driven by the coordinator: one 2-of-3 key generation for
 * the class (it costs seconds), then presigning and signing against it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EcdsaClusterTest {

    @TempDir
    static Path dir;
    IntFunction<KeyEncryptionKey> keks;
    EmbeddedCluster cluster;
    ThresholdKey key;

    @BeforeAll
    void generateKey() throws Exception {
        keks = EcdsaTestCluster.fixedKeks(3);
        EcdsaTestCluster.prefillPools(dir, 3, keks, 0, 2);
        cluster = EmbeddedCluster.startWithEcdsa(dir, 3, keks, EcdsaTestCluster.SETTINGS, EcdsaTestCluster.COORDINATOR);
        key = cluster.ecdsa().generateKey(new WalletId("wallet-e"), new KeyId("evm"), 2, cluster.nodeIds());
    }

    @AfterAll
    void stop() {
        if (cluster != null) cluster.close();
    }

    static SignRequest ethereum(String text) {
        return new SignRequest(text.getBytes(StandardCharsets.UTF_8), MessageDigest.KECCAK_256, List.of());
    }

    @Test
    void key_generation_returns_the_compressed_key_and_chain_code() {
        EcdsaPublicKey pk = EcdsaCoordinator.publicKey(key);
        assertThat(key.groupPublicKey()).hasSize(65);
        assertThat(pk.compressedKey()[0]).isIn((byte) 2, (byte) 3);
        assertThat(pk.chainCode()).hasSize(32).isNotEqualTo(new byte[32]);
        assertThat(key.threshold()).isEqualTo(2);
    }

    @Test
    void presigned_signature_verifies_and_recovers_to_the_key_s_ethereum_address() throws Exception {
        PresignatureRef ref = cluster.ecdsa().presign(key);
        assertThat(ref.signers()).hasSize(2);
        SignRequest what = ethereum("transfer 10 USDC to 0xabc");
        RecoverableSignature sig = cluster.ecdsa().sign(key, ref, what);

        ECPoint joint = EcdsaCoordinator.publicKey(key).point();
        assertThat(EcdsaTestCluster.bouncyCastleAccepts(joint, MessageDigest.KECCAK_256.digest(what.message()), sig))
                .isTrue();
        assertThat(sig.s()).isLessThanOrEqualTo(Secp256k1.Q.shiftRight(1));
        assertThat(EcdsaTestCluster.web3jRecoveredAddress(what.message(), sig))
                .isEqualTo(EcdsaTestCluster.ethereumAddress(joint));
    }

    @Test
    void signature_under_a_derived_path_recovers_to_the_derived_address_and_not_the_joint_one() throws Exception {
        SignRequest what = new SignRequest("child".getBytes(StandardCharsets.UTF_8), MessageDigest.KECCAK_256,
                List.of(0, 7));
        RecoverableSignature sig = cluster.ecdsa().sign(key, cluster.ecdsa().presign(key), what);
        EcdsaPublicKey root = EcdsaCoordinator.publicKey(key);
        ECPoint child = Bip32.derive(root.point(), root.chainCode(), List.of(0, 7)).publicKey();
        String recovered = EcdsaTestCluster.web3jRecoveredAddress(what.message(), sig);
        assertThat(recovered).isEqualTo(EcdsaTestCluster.ethereumAddress(child))
                .isNotEqualTo(EcdsaTestCluster.ethereumAddress(root.point()));
    }

    @Test
    void a_presignature_used_once_refuses_a_second_signature_and_signs_nothing() {
        PresignatureRef ref = cluster.ecdsa().presign(key);
        cluster.ecdsa().sign(key, ref, ethereum("first"));
        assertThatThrownBy(() -> cluster.ecdsa().sign(key, ref, ethereum("second")))
                .isInstanceOfSatisfying(CoordinatorException.class, e -> {
                    assertThat(e.code()).isEqualTo("NODE_REFUSED");
                    assertThat(e.check()).isEqualTo("PRESIGNATURE_USED");
                });
        for (NodeId n : cluster.nodeIds()) {
            assertThat(cluster.runningSessions(n)).as("sessions left at " + n).isZero();
        }
    }

    @Test
    void two_callers_racing_for_one_presignature_get_exactly_one_signature() throws Exception {
        PresignatureRef ref = cluster.ecdsa().presign(key);
        EcdsaCoordinator a = new EcdsaCoordinator(cluster.coordinatorWith(java.util.Map.of(), EcdsaTestCluster.COORDINATOR));
        EcdsaCoordinator b = new EcdsaCoordinator(cluster.coordinatorWith(java.util.Map.of(), EcdsaTestCluster.COORDINATOR));
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<RecoverableSignature>> results = new ArrayList<>();
            for (EcdsaCoordinator c : List.of(a, b)) {
                String text = c == a ? "pay alice" : "pay bob";
                results.add(pool.submit(() -> {
                    go.await();
                    return c.sign(key, ref, ethereum(text));
                }));
            }
            go.countDown();
            int signed = 0;
            List<String> refusals = new ArrayList<>();
            for (Future<RecoverableSignature> f : results) {
                try {
                    f.get();
                    signed++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(CoordinatorException.class);
                    refusals.add(((CoordinatorException) e.getCause()).check());
                }
            }
            assertThat(signed).isEqualTo(1);
            assertThat(refusals).containsExactly("PRESIGNATURE_USED");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void signing_without_a_presignature_presigns_and_signs_under_a_sha256_digest() {
        SignRequest what = new SignRequest("aptos-style payload".getBytes(StandardCharsets.UTF_8),
                MessageDigest.SHA_256, List.of(3));
        RecoverableSignature sig = cluster.ecdsa().sign(key, what);
        EcdsaPublicKey root = EcdsaCoordinator.publicKey(key);
        ECPoint child = Bip32.derive(root.point(), root.chainCode(), List.of(3)).publicKey();
        assertThat(EcdsaTestCluster.bouncyCastleAccepts(child, MessageDigest.SHA_256.digest(what.message()), sig))
                .isTrue();
        assertThat(EcdsaTestCluster.bouncyCastleAccepts(root.point(), MessageDigest.SHA_256.digest(what.message()), sig))
                .as("not valid under the undervived key").isFalse();
    }

    @Test
    void a_presignature_of_another_key_is_unknown_to_the_nodes() {
        PresignatureRef ref = cluster.ecdsa().presign(key);
        ThresholdKey other = new ThresholdKey(key.wallet(), new KeyId("other"), key.protocol(), key.threshold(),
                key.parties(), key.groupPublicKey());
        assertThatThrownBy(() -> cluster.ecdsa().sign(other, ref, ethereum("cross-key")))
                .isInstanceOfSatisfying(CoordinatorException.class,
                        e -> assertThat(e.check()).isEqualTo("PRESIGNATURE_UNKNOWN"));
    }

    static void assertRefused(Runnable call, String nodeCode) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(CoordinatorException.class, e -> {
            assertThat(e.code()).isEqualTo("NODE_REFUSED");
            assertThat(e.check()).isEqualTo(nodeCode);
        });
    }

    @Test
    void a_presignature_offered_to_other_signers_is_refused_and_not_offered_again() {
        PresignatureRef ref = cluster.ecdsa().presign(key);
        List<Integer> others = key.parties().keySet().stream().filter(p -> !p.equals(ref.signers().get(1))).toList();
        byte[] request = new EcdsaSignRequest(ref.id(), MessageDigest.KECCAK_256, List.of(), new byte[] {1}).encode();
        assertRefused(() -> cluster.coordinator().signWith(key, others, request), "INVALID_SESSION");
        assertRefused(() -> cluster.ecdsa().sign(key, ref, ethereum("now on the right signers")), "PRESIGNATURE_USED");
    }

    @Test
    void requests_that_do_not_match_the_stored_share_or_the_protocol_are_refused() {
        ThresholdKey threeSigners = new ThresholdKey(key.wallet(), key.key(), key.protocol(), 3, key.parties(),
                key.groupPublicKey());
        assertRefused(() -> cluster.ecdsa().presign(threeSigners), "INVALID_SESSION");
        assertRefused(() -> cluster.coordinator().presign(key, new byte[] {1}), "INVALID_SESSION");
        assertRefused(() -> cluster.coordinator().signWith(key, List.of(1, 2), new byte[] {9, 9}), "INVALID_SESSION");
        assertRefused(() -> cluster.ecdsa().generateKey(key.wallet(), key.key(), 2, cluster.nodeIds()),
                "SHARE_EXISTS");
        assertRefused(() -> cluster.ecdsa().generateKey(key.wallet(), new KeyId("one-signer"), 1, cluster.nodeIds()),
                "INVALID_SESSION");
    }

    @Test
    void key_generation_is_refused_at_once_when_a_node_has_no_safe_primes_in_stock() {
        // The class's key generation took each node's two fixture primes; the pools search nothing (target 0).
        assertThatThrownBy(() -> cluster.ecdsa().generateKey(new WalletId("wallet-e"), new KeyId("second"), 2,
                cluster.nodeIds()))
                .isInstanceOfSatisfying(CoordinatorException.class, e -> {
                    assertThat(e.code()).isEqualTo("NODE_UNAVAILABLE");
                    assertThat(e.check()).isEqualTo("PRIME_POOL_EMPTY");
                });
    }

    @Test
    void a_node_restart_loses_presignatures_and_a_fresh_presignature_signs() {
        PresignatureRef before = cluster.ecdsa().presign(key);
        cluster.close();
        try {
            cluster = EmbeddedCluster.startWithEcdsa(dir, 3, keks, EcdsaTestCluster.SETTINGS,
                    EcdsaTestCluster.COORDINATOR);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThatThrownBy(() -> cluster.ecdsa().sign(key, before, ethereum("after restart")))
                .isInstanceOfSatisfying(CoordinatorException.class, e -> {
                    assertThat(e.code()).isEqualTo("NODE_REFUSED");
                    assertThat(e.check()).isEqualTo("PRESIGNATURE_UNKNOWN");
                });
        SignRequest what = ethereum("after restart, fresh presignature");
        RecoverableSignature sig = cluster.ecdsa().sign(key, cluster.ecdsa().presign(key), what);
        assertThat(EcdsaTestCluster.bouncyCastleAccepts(EcdsaCoordinator.publicKey(key).point(),
                MessageDigest.KECCAK_256.digest(what.message()), sig)).isTrue();
    }
}
