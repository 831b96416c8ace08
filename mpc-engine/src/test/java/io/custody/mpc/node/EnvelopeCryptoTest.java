package io.custody.mpc.node;

import io.custody.mpc.session.ProtocolMessage;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvelopeCryptoTest {

    static final SecureRandom RANDOM = new SecureRandom();
    final NodeIdentity a = NodeIdentity.generate(new NodeId("a"), RANDOM);
    final NodeIdentity b = NodeIdentity.generate(new NodeId("b"), RANDOM);
    final NodeIdentity c = NodeIdentity.generate(new NodeId("c"), RANDOM);
    final ClusterRoster roster = roster(a, b, c);
    final byte[] secret = "share for party 2 only".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    final ProtocolMessage p2p = new ProtocolMessage("session-1", "frost-ed25519-sha512/1", 2, 1, 2, secret);

    static ClusterRoster roster(NodeIdentity... ids) {
        Map<NodeId, ClusterRoster.Member> m = new LinkedHashMap<>();
        for (NodeIdentity i : ids) {
            m.put(i.id(), new ClusterRoster.Member(i.id(), URI.create("http://127.0.0.1:1"), i.publicKeys()));
        }
        return new ClusterRoster(m, Map.of());
    }

    EnvelopeCrypto at(NodeIdentity who) {
        return new EnvelopeCrypto(who, roster, RANDOM);
    }

    static SealedEnvelope withBody(SealedEnvelope e, byte[] body) {
        return new SealedEnvelope(e.sessionId(), e.protocol(), e.round(), e.fromParty(), e.toParty(), e.fromNode(),
                e.toNode(), e.nonce(), body, e.signature());
    }

    @Test
    void point_to_point_payload_reaches_its_recipient_and_is_ciphertext_in_transit() {
        SealedEnvelope e = at(a).seal(p2p, b.id());
        assertThat(new String(e.body(), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("party 2");
        assertThat(at(b).open(e)).isEqualTo(p2p);
    }

    @Test
    void third_node_cannot_open_a_point_to_point_payload() {
        SealedEnvelope e = at(a).seal(p2p, b.id());
        assertThatThrownBy(() -> at(c).open(e)).isInstanceOf(EnvelopeCrypto.EnvelopeRejected.class)
                .hasMessageContaining("addressed to b");
        // Even if the relay rewrites the recipient, the signature breaks first.
        SealedEnvelope redirected = new SealedEnvelope(e.sessionId(), e.protocol(), e.round(), e.fromParty(),
                e.toParty(), e.fromNode(), c.id(), e.nonce(), e.body(), e.signature());
        assertThatThrownBy(() -> at(c).open(redirected)).hasMessageContaining("signature");
    }

    @Test
    void altered_ciphertext_is_rejected() {
        SealedEnvelope e = at(a).seal(p2p, b.id());
        byte[] body = e.body();
        body[0] ^= 1;
        assertThatThrownBy(() -> at(b).open(withBody(e, body))).hasMessageContaining("signature");
    }

    @Test
    void altered_broadcast_payload_is_rejected() {
        ProtocolMessage bc = new ProtocolMessage("session-1", "frost-ed25519-sha512/1", 1, 1, 0, new byte[] {1, 2, 3});
        SealedEnvelope e = at(a).seal(bc, null);
        assertThat(at(c).open(e)).isEqualTo(bc);
        assertThatThrownBy(() -> at(c).open(withBody(e, new byte[] {1, 2, 4}))).hasMessageContaining("signature");
    }

    @Test
    void envelope_moved_to_another_round_or_session_is_rejected() {
        SealedEnvelope e = at(a).seal(p2p, b.id());
        SealedEnvelope otherRound = new SealedEnvelope(e.sessionId(), e.protocol(), 1, e.fromParty(), e.toParty(),
                e.fromNode(), e.toNode(), e.nonce(), e.body(), e.signature());
        SealedEnvelope otherSession = new SealedEnvelope("session-2", e.protocol(), e.round(), e.fromParty(),
                e.toParty(), e.fromNode(), e.toNode(), e.nonce(), e.body(), e.signature());
        assertThatThrownBy(() -> at(b).open(otherRound)).hasMessageContaining("signature");
        assertThatThrownBy(() -> at(b).open(otherSession)).hasMessageContaining("signature");
    }

    @Test
    void envelope_signed_by_a_node_outside_the_roster_is_rejected() {
        NodeIdentity stranger = NodeIdentity.generate(new NodeId("x"), RANDOM);
        SealedEnvelope e = new EnvelopeCrypto(stranger, roster(stranger, b), RANDOM).seal(p2p, b.id());
        assertThatThrownBy(() -> at(b).open(e)).hasMessageContaining("not in the roster");
    }

    @Test
    void envelope_claiming_another_sender_fails_the_signature_check() {
        SealedEnvelope byC = at(c).seal(p2p, b.id());
        SealedEnvelope claimsA = new SealedEnvelope(byC.sessionId(), byC.protocol(), byC.round(), byC.fromParty(),
                byC.toParty(), a.id(), byC.toNode(), byC.nonce(), byC.body(), byC.signature());
        assertThatThrownBy(() -> at(b).open(claimsA)).hasMessageContaining("signature");
    }

    @Test
    void identity_never_prints_its_keys() {
        assertThat(a.toString()).isEqualTo("NodeIdentity[a, keys redacted]");
    }
}
