package io.custody.mpc.node;

import io.custody.mpc.ecdsa.round.MessageSignatures;
import io.custody.mpc.frost.Ed25519Sha512;
import io.custody.mpc.session.ProtocolMessage;
import io.custody.mpc.storage.KeyId;
import io.custody.mpc.storage.WalletId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A FROST signer that shows its peers different nonce commitments (docs/adr/frost-006). Honest nodes name it and
 * never each other, so the coordinator's majority never leaves an honest node out.
 */
class FrostNodeEquivocationTest {

    static final String ED = Ed25519Sha512.INSTANCE.protocolName();

    @TempDir
    Path dir;
    EmbeddedCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) cluster.close();
    }

    /** The same round-1 commitments with hiding and binding swapped: a second valid message, signed by the node. */
    static ProtocolMessage otherVersion(ProtocolMessage m, NodeContext node) {
        return Tampering.resigned(m, p -> {
            byte[] q = p.clone();
            System.arraycopy(p, 1, q, 33, 32);
            System.arraycopy(p, 33, q, 1, 32);
            return q;
        }, node, MessageSignatures.FROST_CONTEXT);
    }

    private ThresholdKey clusterWithNode1(Function<Tampering.Opened, NodeSession<?>> signing, int threshold)
            throws Exception {
        ProtocolFactory equivocating = Tampering.factory(new FrostProtocolFactory(Ed25519Sha512.INSTANCE),
                (req, o) -> req.operation() == Operation.SIGN ? signing.apply(o) : o.session());
        cluster = EmbeddedCluster.start(dir, 3, EmbeddedClusterTest::randomKek,
                i -> i == 1 ? new ProtocolRegistry().register(equivocating) : ProtocolRegistry.withFrost(),
                Coordinator.Settings.defaults());
        return cluster.coordinator().generateKey(new WalletId("w"), new KeyId("k"), ED, threshold, cluster.nodeIds());
    }

    @Test
    void commitments_sent_point_to_point_with_a_different_version_per_peer_name_the_sender() throws Exception {
        ThresholdKey key = clusterWithNode1(o -> Tampering.outgoingMany(o.session(), m -> {
            if (m.round() != 1) return List.of(m);
            List<ProtocolMessage> out = new ArrayList<>();
            for (int peer = 2; peer <= 3; peer++) {
                ProtocolMessage version = peer == 2 ? m : otherVersion(m, o.node());
                out.add(Tampering.resigned(new ProtocolMessage(m.sessionId(), m.protocol(), 1, 1, peer,
                        version.payload()), p -> p, o.node(), MessageSignatures.FROST_CONTEXT));
            }
            return out;
        }), 3);
        assertThatThrownBy(() -> cluster.coordinator().sign(key, new byte[] {1}))
                .isInstanceOfSatisfying(CoordinatorException.class, e -> {
                    assertThat(e.code()).isEqualTo("INSUFFICIENT_NODES");
                    assertThat(e.culpritNode()).isEqualTo(new NodeId("node-1"));
                    assertThat(e.check()).isEqualTo("message-kind");
                    assertThat(e.getMessage()).contains("left out [node-1]");
                });
    }

    @Test
    void two_signed_versions_of_the_commitments_name_the_sender_and_signing_goes_on_without_it() throws Exception {
        ThresholdKey key = clusterWithNode1(o -> Tampering.outgoingMany(o.session(),
                m -> m.round() == 1 ? List.of(m, otherVersion(m, o.node())) : List.of(m)), 2);
        byte[] msg = {7, 7};
        assertThat(EmbeddedClusterTest.ed25519Accepts(key.groupPublicKey(), msg, cluster.coordinator().sign(key, msg)))
                .isTrue();
    }

    @Test
    void with_no_honest_quorum_left_the_abort_names_the_equivocator_and_its_check() throws Exception {
        ThresholdKey key = clusterWithNode1(o -> Tampering.outgoingMany(o.session(),
                m -> m.round() == 1 ? List.of(m, otherVersion(m, o.node())) : List.of(m)), 3);
        assertThatThrownBy(() -> cluster.coordinator().sign(key, new byte[] {1}))
                .isInstanceOfSatisfying(CoordinatorException.class, e -> {
                    assertThat(e.culpritNode()).isEqualTo(new NodeId("node-1"));
                    assertThat(e.check()).isEqualTo("equivocation");
                });
    }
}
