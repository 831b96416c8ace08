package io.custody.mpc.client;

import io.custody.mpc.node.Coordinator;
import io.custody.mpc.node.EmbeddedCluster;
import io.custody.mpc.node.NodeId;
import io.custody.mpc.node.ProtocolRegistry;
import io.custody.mpc.node.TestClusters;
import io.custody.mpc.storage.KeyEncryptionKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sagas' client against a real in-process cluster: idempotent across retries and restarts, typed failures. */
class ClusterMpcClientTest {

    @TempDir
    Path dir;
    EmbeddedCluster cluster;
    ExecutorService executor = Executors.newFixedThreadPool(2);
    IntFunction<KeyEncryptionKey> keks = TestClusters.fixedKeks(3);

    @AfterEach
    void stop() {
        if (cluster != null) cluster.close();
        executor.shutdownNow();
    }

    private ClusterMpcClient client() {
        return new ClusterMpcClient(cluster.coordinator(), cluster.nodeIds(), dir.resolve("client-journal"), executor,
                Duration.ofSeconds(300));
    }

    private static <T> T await(CompletableFuture<T> f) {
        return f.join();
    }

    private static MpcClientException failure(CompletableFuture<?> f) {
        try {
            f.join();
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(MpcClientException.class);
            return (MpcClientException) e.getCause();
        }
        throw new AssertionError("the call succeeded");
    }

    private void startFrost() throws Exception {
        cluster = EmbeddedCluster.start(dir.resolve("nodes"), 3, keks,
                ProtocolRegistry.withFrost(), Coordinator.Settings.defaults());
    }

    private static SignMessageRequest ed25519(KeyRef key, String text) {
        return new SignMessageRequest(key, text.getBytes(StandardCharsets.UTF_8), MessageHash.ED25519_PURE,
                DerivationPath.ROOT);
    }

    @Test
    void the_same_idempotency_key_twice_returns_the_same_key_and_another_payload_under_it_is_refused() throws Exception {
        startFrost();
        ClusterMpcClient client = client();
        KeyRef ref = new KeyRef("wallet-1", "aptos");
        IdempotencyKey idem = new IdempotencyKey("provision-wallet-1/keygen");
        KeyDescriptor first = await(client.generateKey(idem, new GenerateKeyRequest(ref, SignatureScheme.FROST_ED25519, 2)));
        KeyDescriptor again = await(client.generateKey(idem, new GenerateKeyRequest(ref, SignatureScheme.FROST_ED25519, 2)));
        assertThat(again).isEqualTo(first);
        assertThat(first.publicKey()).hasSize(32);
        assertThat(await(client.publicKey(ref))).isEqualTo(first);

        assertThat(failure(client.generateKey(idem, new GenerateKeyRequest(ref, SignatureScheme.FROST_ED25519, 3))))
                .isInstanceOf(MpcClientException.IdempotencyConflict.class)
                .extracting(MpcClientException::code).isEqualTo(MpcErrorCode.IDEMPOTENCY_CONFLICT);
        assertThat(failure(client.sign(idem, ed25519(ref, "not a key generation"))).code())
                .isEqualTo(MpcErrorCode.IDEMPOTENCY_CONFLICT);
    }

    @Test
    void a_signature_is_made_once_per_idempotency_key_even_after_the_client_and_the_nodes_restart() throws Exception {
        startFrost();
        KeyRef ref = new KeyRef("wallet-2", "aptos");
        await(client().generateKey(new IdempotencyKey("k"), new GenerateKeyRequest(ref, SignatureScheme.FROST_ED25519, 2)));
        IdempotencyKey idem = new IdempotencyKey("withdrawal-17/sign");
        SignatureResult first = await(client().sign(idem, ed25519(ref, "transfer 10 to bob")));
        assertThat(TestClusters.ed25519Accepts(first.signingPublicKey(), "transfer 10 to bob".getBytes(StandardCharsets.UTF_8),
                first.signature())).isTrue();

        cluster.close();
        startFrost(); // same data directories and keys: a restart of every node, and a new client instance
        SignatureResult again = await(client().sign(idem, ed25519(ref, "transfer 10 to bob")));
        // Ed25519 by FROST uses fresh nonces: an equal signature can only come from the journal, not a second run.
        assertThat(again).isEqualTo(first);
        assertThat(failure(client().sign(idem, ed25519(ref, "transfer 99 to mallory"))).code())
                .isEqualTo(MpcErrorCode.IDEMPOTENCY_CONFLICT);
        SignatureResult other = await(client().sign(new IdempotencyKey("withdrawal-18/sign"),
                ed25519(ref, "transfer 10 to bob")));
        assertThat(other.signature()).isNotEqualTo(first.signature());
    }

    @Test
    void with_one_node_down_a_two_of_three_key_still_signs() throws Exception {
        startFrost();
        ClusterMpcClient client = client();
        KeyRef ref = new KeyRef("wallet-3", "aptos");
        await(client.generateKey(new IdempotencyKey("g3"), new GenerateKeyRequest(ref, SignatureScheme.FROST_ED25519, 2)));
        cluster.stop(new NodeId("node-2"));
        SignatureResult sig = await(client.sign(new IdempotencyKey("s3"), ed25519(ref, "one node is down")));
        assertThat(TestClusters.ed25519Accepts(sig.signingPublicKey(), "one node is down".getBytes(StandardCharsets.UTF_8),
                sig.signature())).isTrue();
        // Key generation needs every node: the failure is typed, not a transport error.
        assertThat(failure(client.generateKey(new IdempotencyKey("g4"), new GenerateKeyRequest(new KeyRef("wallet-3",
                "second"), SignatureScheme.FROST_ED25519, 2))).code()).isEqualTo(MpcErrorCode.INSUFFICIENT_NODES);
    }

    @Test
    void requests_the_key_cannot_serve_are_refused_with_their_own_codes() throws Exception {
        startFrost();
        ClusterMpcClient client = client();
        KeyRef ref = new KeyRef("wallet-4", "aptos");
        assertThat(failure(client.sign(new IdempotencyKey("s-unknown"), ed25519(ref, "x"))).code())
                .isEqualTo(MpcErrorCode.UNKNOWN_KEY);
        await(client.generateKey(new IdempotencyKey("g5"), new GenerateKeyRequest(ref, SignatureScheme.FROST_ED25519, 2)));
        assertThat(failure(client.sign(new IdempotencyKey("s-keccak"), new SignMessageRequest(ref, new byte[] {1},
                MessageHash.KECCAK_256, DerivationPath.ROOT))).code()).isEqualTo(MpcErrorCode.INVALID_REQUEST);
        assertThat(failure(client.presign(new IdempotencyKey("p-frost"), ref)).code())
                .isEqualTo(MpcErrorCode.INVALID_REQUEST);
        assertThat(failure(client.publicKey(ref, DerivationPath.of(0, 1))).code()).isEqualTo(MpcErrorCode.INVALID_REQUEST);
    }

    @Test
    void ecdsa_key_generation_on_empty_prime_pools_fails_as_prime_pool_empty() throws Exception {
        cluster = EmbeddedCluster.startWithEcdsa(dir.resolve("nodes"), 3, keks,
                TestClusters.ECDSA_NO_SEARCH, Coordinator.Settings.defaults());
        MpcClientException e = failure(client().generateKey(new IdempotencyKey("g-ecdsa"),
                new GenerateKeyRequest(new KeyRef("wallet-5", "evm"), SignatureScheme.ECDSA_SECP256K1, 2)));
        assertThat(e).isInstanceOfSatisfying(MpcClientException.PrimePoolEmpty.class,
                p -> assertThat(p.node()).startsWith("node-"));
        assertThat(e.code()).isEqualTo(MpcErrorCode.PRIME_POOL_EMPTY);
    }

    @Test
    void ecdsa_signatures_are_idempotent_derive_along_the_path_and_verify_under_the_derived_key() throws Exception {
        TestClusters.prefillEcdsaPools(dir.resolve("nodes"), 3, keks);
        cluster = EmbeddedCluster.startWithEcdsa(dir.resolve("nodes"), 3, keks, TestClusters.ECDSA_NO_SEARCH,
                TestClusters.SLOW_COORDINATOR);
        ClusterMpcClient client = client();
        KeyRef ref = new KeyRef("wallet-6", "evm");
        KeyDescriptor key = await(client.generateKey(new IdempotencyKey("g6"),
                new GenerateKeyRequest(ref, SignatureScheme.ECDSA_SECP256K1, 2)));
        assertThat(key.publicKey()).hasSize(33);
        assertThat(key.chainCode()).hasSize(32);
        DerivationPath path = DerivationPath.of(0, 7);
        SignMessageRequest tx = new SignMessageRequest(ref, "rlp of a transaction".getBytes(StandardCharsets.UTF_8),
                MessageHash.KECCAK_256, path);
        SignatureResult first = await(client.sign(new IdempotencyKey("w-6/sign"), tx));
        assertThat(first.signature()).hasSize(65);
        assertThat(first.signingPublicKey()).isEqualTo(await(client.publicKey(ref, path)).publicKey());
        assertThat(await(client.sign(new IdempotencyKey("w-6/sign"), tx))).isEqualTo(first);

        PresignatureHandle handle = await(client.presign(new IdempotencyKey("w-7/presign"), ref));
        assertThat(await(client.presign(new IdempotencyKey("w-7/presign"), ref))).isEqualTo(handle);
        SignatureResult withPresignature = await(client.sign(new IdempotencyKey("w-7/sign"), tx, handle));
        assertThat(withPresignature.signingPublicKey()).isEqualTo(first.signingPublicKey());
        // The presignature is spent: another signature with it is refused by the nodes, typed.
        assertThat(failure(client.sign(new IdempotencyKey("w-8/sign"), tx, handle)).code())
                .isEqualTo(MpcErrorCode.CLUSTER_FAILURE);
    }

    @Test
    void a_retried_key_generation_whose_first_attempt_reached_the_nodes_unrecorded_is_in_doubt() throws Exception {
        startFrost();
        KeyRef ref = new KeyRef("wallet-7", "aptos");
        IdempotencyKey idem = new IdempotencyKey("provision-wallet-7/keygen");
        await(client().generateKey(idem, new GenerateKeyRequest(ref, SignatureScheme.FROST_ED25519, 2)));
        // As if the client had died after the nodes stored their shares but before it recorded DONE.
        IdempotencyJournal journal = new IdempotencyJournal(dir.resolve("client-journal"));
        IdempotencyJournal.Entry done = journal.find(idem).orElseThrow();
        journal.record(idem, new IdempotencyJournal.Entry(done.operation(), done.fingerprint(),
                IdempotencyJournal.State.STARTED, new byte[0]));

        MpcClientException e = failure(client().generateKey(idem, new GenerateKeyRequest(ref, SignatureScheme.FROST_ED25519,
                2)));
        assertThat(e.code()).isEqualTo(MpcErrorCode.IN_DOUBT);
    }

    @Test
    void a_recorded_signature_that_no_longer_verifies_is_never_handed_out() throws Exception {
        startFrost();
        KeyRef ref = new KeyRef("wallet-8", "aptos");
        await(client().generateKey(new IdempotencyKey("g8"), new GenerateKeyRequest(ref, SignatureScheme.FROST_ED25519, 2)));
        IdempotencyKey idem = new IdempotencyKey("withdrawal-8/sign");
        SignatureResult first = await(client().sign(idem, ed25519(ref, "pay 5")));
        // Someone who can write the journal replaces the signature (and fixes the file's checksum by rewriting it).
        IdempotencyJournal journal = new IdempotencyJournal(dir.resolve("client-journal"));
        IdempotencyJournal.Entry done = journal.find(idem).orElseThrow();
        byte[] altered = first.signature();
        altered[40] ^= 1;
        journal.record(idem, new IdempotencyJournal.Entry(done.operation(), done.fingerprint(), done.state(), altered));

        MpcClientException e = failure(client().sign(idem, ed25519(ref, "pay 5")));
        assertThat(e).isInstanceOfSatisfying(MpcClientException.ClusterFailure.class,
                f -> assertThat(f.clusterCode()).isEqualTo("INVALID_SIGNATURE"));
    }

    @Test
    void a_damaged_journal_file_is_refused_rather_than_read() throws Exception {
        IdempotencyJournal journal = new IdempotencyJournal(dir.resolve("journal"));
        IdempotencyKey idem = new IdempotencyKey("k-damaged");
        journal.record(idem, new IdempotencyJournal.Entry("sign", new byte[32], IdempotencyJournal.State.DONE,
                new byte[] {1, 2, 3}));
        assertThat(journal.find(idem)).isPresent();
        try (var files = java.nio.file.Files.list(dir.resolve("journal").resolve("requests"))) {
            Path file = files.filter(f -> f.toString().endsWith(".rec")).findFirst().orElseThrow();
            byte[] bytes = java.nio.file.Files.readAllBytes(file);
            bytes[6] ^= 1;
            java.nio.file.Files.write(file, bytes);
        }
        assertThatThrownBy(() -> journal.find(idem)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("damaged");
    }
}
