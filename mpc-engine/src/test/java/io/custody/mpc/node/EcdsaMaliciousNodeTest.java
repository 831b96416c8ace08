package io.custody.mpc.node;

import io.custody.mpc.ecdsa.sign.MessageDigest;
import io.custody.mpc.ecdsa.sign.SignRequest;
import io.custody.mpc.session.PartyStateMachine;
import io.custody.mpc.session.ProtocolMessage;
import io.custody.mpc.session.Step;
import io.custody.mpc.storage.EncryptedShareStore;
import io.custody.mpc.storage.KeyEncryptionKey;
import io.custody.mpc.storage.KeyId;
import io.custody.mpc.storage.WalletId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A cluster whose node-1 runs a corrupted ECDSA: honest in key generation, but it flips the last byte of its first
 * presigning message and of its first refresh message (the last byte of the engine's message signature, ADR
 * ecdsa-008; the protocol-level forgeries are the engine's attack suite). The honest
 * signer names it, and the coordinator presigns and signs without it while two others remain; the aborted refresh
 * leaves every stored share as it was.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EcdsaMaliciousNodeTest {

    @TempDir
    static Path dir;
    EmbeddedCluster cluster;
    ThresholdKey key;

    /** Wraps node-1's honest factory and corrupts its round-1 presigning and refresh messages. */
    static final class CorruptPresignFactory implements ProtocolFactory {
        private final EcdsaProtocolFactory honest;

        CorruptPresignFactory(EcdsaProtocolFactory honest) {
            this.honest = honest;
        }

        @Override
        public String protocol() {
            return honest.protocol();
        }

        @Override
        public void attach(NodeContext node) {
            honest.attach(node);
        }

        @Override
        public void close() {
            honest.close();
        }

        @Override
        public NodeSession<?> open(SessionRequest request, int party, EncryptedShareStore store, SecureRandom random) {
            NodeSession<?> session = honest.open(request, party, store, random);
            return request.operation() == Operation.PRESIGN || request.operation() == Operation.REFRESH
                    ? corrupt(session) : session;
        }

        private static <R> NodeSession<R> corrupt(NodeSession<R> s) {
            PartyStateMachine<R> inner = s.machine();
            PartyStateMachine<R> bad = new PartyStateMachine<>() {
                @Override
                public int partyIndex() {
                    return inner.partyIndex();
                }

                @Override
                public List<ProtocolMessage> start() {
                    return inner.start().stream().map(m -> {
                        byte[] p = m.payload();
                        p[p.length - 1] ^= 1;
                        return new ProtocolMessage(m.sessionId(), m.protocol(), m.round(), m.from(), m.to(), p);
                    }).toList();
                }

                @Override
                public Step<R> receive(ProtocolMessage message) {
                    return inner.receive(message);
                }
            };
            return new NodeSession<>(bad, s.onDone(), s.messageProtocol());
        }
    }

    @BeforeAll
    void generateKey() throws Exception {
        IntFunction<KeyEncryptionKey> keks = EcdsaTestCluster.fixedKeks(3);
        EcdsaTestCluster.prefillPools(dir, 3, keks, 18, 4); // key generation and the refresh attempt
        cluster = EmbeddedCluster.start(dir, 3, keks, i -> {
            EcdsaProtocolFactory f = new EcdsaProtocolFactory(EmbeddedCluster.nodeDir(dir, i), EcdsaTestCluster.SETTINGS);
            return new ProtocolRegistry().register(i == 1 ? new CorruptPresignFactory(f) : f);
        }, EcdsaTestCluster.COORDINATOR);
        key = cluster.ecdsa().generateKey(new WalletId("wallet-m"), new KeyId("evm"), 2, cluster.nodeIds());
    }

    @AfterAll
    void stop() {
        if (cluster != null) cluster.close();
    }

    @Test
    void the_honest_signer_names_the_node_that_corrupted_its_presigning_message() {
        SessionRequest run = new SessionRequest("presign-with-node-1", key.protocol(), Operation.PRESIGN, key.wallet(),
                key.key(), key.threshold(), key.parties(), List.of(1, 2), new byte[0]);
        assertThatThrownBy(() -> cluster.coordinator().run(run))
                .isInstanceOfSatisfying(CoordinatorException.class, e -> {
                    assertThat(e.code()).isEqualTo("SESSION_ABORTED");
                    assertThat(e.culpritNode()).isEqualTo(new NodeId("node-1"));
                    assertThat(e.check()).isNotBlank();
                });
    }

    @Test
    void a_refresh_that_aborts_leaves_every_stored_share_as_it_was_and_the_key_still_signs() throws Exception {
        List<byte[]> before = new java.util.ArrayList<>();
        for (int i = 1; i <= 3; i++) before.add(java.nio.file.Files.readAllBytes(shareFile(i)));
        assertThatThrownBy(() -> cluster.ecdsa().refresh(key))
                .isInstanceOfSatisfying(CoordinatorException.class, e -> {
                    assertThat(e.code()).isEqualTo("SESSION_ABORTED");
                    assertThat(e.culpritNode()).isEqualTo(new NodeId("node-1"));
                });
        for (int i = 1; i <= 3; i++) {
            assertThat(java.nio.file.Files.readAllBytes(shareFile(i))).as("share of node-" + i)
                    .isEqualTo(before.get(i - 1));
        }
        SignRequest what = new SignRequest("after the failed refresh".getBytes(StandardCharsets.UTF_8),
                MessageDigest.KECCAK_256, List.of());
        assertThat(EcdsaTestCluster.bouncyCastleAccepts(EcdsaCoordinator.publicKey(key).point(),
                MessageDigest.KECCAK_256.digest(what.message()), cluster.ecdsa().sign(key, what))).isTrue();
    }

    private static Path shareFile(int node) throws Exception {
        try (var files = java.nio.file.Files.walk(EmbeddedCluster.nodeDir(dir, node))) {
            return files.filter(f -> f.getFileName().toString().endsWith("ecdsa-secp256k1_1.share")).findFirst()
                    .orElseThrow();
        }
    }

    @Test
    void the_coordinator_presigns_and_signs_without_the_named_node() {
        PresignatureRef ref = cluster.ecdsa().presign(key);
        assertThat(ref.signers()).containsExactly(2, 3);
        SignRequest what = new SignRequest("despite node-1".getBytes(StandardCharsets.UTF_8), MessageDigest.KECCAK_256,
                List.of());
        RecoverableSignature sig = cluster.ecdsa().sign(key, ref, what);
        assertThat(EcdsaTestCluster.bouncyCastleAccepts(EcdsaCoordinator.publicKey(key).point(),
                MessageDigest.KECCAK_256.digest(what.message()), sig)).isTrue();
        RecoverableSignature oneCall = cluster.ecdsa().sign(key, what);
        assertThat(EcdsaTestCluster.bouncyCastleAccepts(EcdsaCoordinator.publicKey(key).point(),
                MessageDigest.KECCAK_256.digest(what.message()), oneCall)).isTrue();
    }
}
