package io.custody.mpc.node;

import io.custody.mpc.frost.Ed25519Sha512;
import io.custody.mpc.session.PartyStateMachine;
import io.custody.mpc.session.ProtocolMessage;
import io.custody.mpc.session.Step;
import io.custody.mpc.storage.EncryptedShareStore;
import io.custody.mpc.storage.KeyId;
import io.custody.mpc.storage.WalletId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A cluster in which node-1 runs a corrupted FROST: it behaves in key generation but sends a wrong signature share.
 * Honest nodes name it, and the coordinator signs without it while t honest nodes remain.
 */
class MaliciousNodeTest {

    static final String ED = Ed25519Sha512.INSTANCE.protocolName();

    @TempDir
    Path dir;
    EmbeddedCluster cluster;

    /**
     * Wraps the honest factory; in signing, flips a bit of this party's round-2 signature share and signs the result
     * with the node's own key, as a malicious node would.
     */
    static final class WrongShareFactory implements ProtocolFactory {
        private final FrostProtocolFactory honest = new FrostProtocolFactory(Ed25519Sha512.INSTANCE);

        @Override
        public String protocol() {
            return ED;
        }

        @Override
        public NodeSession<?> open(SessionRequest request, int party, EncryptedShareStore store, SecureRandom random) {
            throw new UnsupportedOperationException();
        }

        @Override
        public NodeSession<?> open(SessionRequest request, int party, NodeContext node, SecureRandom random) {
            NodeSession<?> session = honest.open(request, party, node, random);
            return request.operation() == Operation.SIGN ? corrupt(session, node) : session;
        }

        private static <R> NodeSession<R> corrupt(NodeSession<R> s, NodeContext node) {
            PartyStateMachine<R> inner = s.machine();
            PartyStateMachine<R> bad = new PartyStateMachine<>() {
                @Override
                public int partyIndex() {
                    return inner.partyIndex();
                }

                @Override
                public List<ProtocolMessage> start() {
                    return inner.start();
                }

                @Override
                public Step<R> receive(ProtocolMessage message) {
                    Step<R> step = inner.receive(message);
                    if (step instanceof Step.Continue<R> c) {
                        return new Step.Continue<>(c.outgoing().stream().map(m -> {
                            if (m.round() != 2) {
                                return m;
                            }
                            byte[] p = io.custody.mpc.ecdsa.round.MessageSignatures.payload(m);
                            p[1] ^= 1;
                            return io.custody.mpc.ecdsa.round.MessageSignatures.sign(new ProtocolMessage(m.sessionId(),
                                    m.protocol(), m.round(), m.from(), m.to(), p), node.messageSigningKey(),
                                    io.custody.mpc.ecdsa.round.MessageSignatures.FROST_CONTEXT);
                        }).toList());
                    }
                    return step;
                }
            };
            return new NodeSession<>(bad, s.onDone());
        }
    }

    /** Runs honest FROST but reports a fixed wrong signature as its result, the same at every node. */
    static final class WrongResultFactory implements ProtocolFactory {
        private final FrostProtocolFactory honest = new FrostProtocolFactory(Ed25519Sha512.INSTANCE);

        @Override
        public String protocol() {
            return ED;
        }

        @Override
        public NodeSession<?> open(SessionRequest request, int party, EncryptedShareStore store, SecureRandom random) {
            throw new UnsupportedOperationException();
        }

        @Override
        public NodeSession<?> open(SessionRequest request, int party, NodeContext node, SecureRandom random) {
            NodeSession<?> session = honest.open(request, party, node, random);
            return request.operation() == Operation.SIGN ? new NodeSession<>(session.machine(), r -> new byte[64])
                    : session;
        }
    }

    @Test
    void signature_the_nodes_agree_on_but_that_does_not_verify_never_reaches_the_caller() throws Exception {
        cluster = EmbeddedCluster.start(dir, 3, EmbeddedClusterTest::randomKek,
                i -> new ProtocolRegistry().register(new WrongResultFactory()), Coordinator.Settings.defaults());
        ThresholdKey key = cluster.coordinator().generateKey(new WalletId("w"), new KeyId("k"), ED, 2,
                cluster.nodeIds());
        assertThatThrownBy(() -> cluster.coordinator().sign(key, new byte[] {1}))
                .isInstanceOfSatisfying(CoordinatorException.class,
                        e -> assertThat(e.code()).isEqualTo("INVALID_SIGNATURE"));
    }

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private ThresholdKey startAndKeygen(int nodes, int threshold) throws Exception {
        cluster = EmbeddedCluster.start(dir, nodes, EmbeddedClusterTest::randomKek,
                i -> i == 1 ? new ProtocolRegistry().register(new WrongShareFactory()) : ProtocolRegistry.withFrost(),
                Coordinator.Settings.defaults());
        return cluster.coordinator().generateKey(new WalletId("w"), new KeyId("k"), ED, threshold, cluster.nodeIds());
    }

    @Test
    void node_sending_a_wrong_share_is_named_and_signing_succeeds_without_it() throws Exception {
        ThresholdKey key = startAndKeygen(3, 2);
        byte[] msg = {4, 2};
        assertThat(EmbeddedClusterTest.ed25519Accepts(key.groupPublicKey(), msg, cluster.coordinator().sign(key, msg)))
                .isTrue();
    }

    @Test
    void when_no_honest_quorum_remains_the_abort_names_the_culprit() throws Exception {
        ThresholdKey key = startAndKeygen(3, 3);
        assertThatThrownBy(() -> cluster.coordinator().sign(key, new byte[] {1}))
                .isInstanceOfSatisfying(CoordinatorException.class, e -> {
                    assertThat(e.code()).isEqualTo("INSUFFICIENT_NODES");
                    assertThat(e.culpritNode()).isEqualTo(new NodeId("node-1"));
                    assertThat(e.check()).isEqualTo("signature-share");
                    assertThat(e.getMessage()).contains("SESSION_ABORTED").contains("left out [node-1]");
                });
    }
}
