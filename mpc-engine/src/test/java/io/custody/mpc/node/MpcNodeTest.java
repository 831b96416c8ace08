package io.custody.mpc.node;

import io.custody.mpc.frost.Ed25519Sha512;
import io.custody.mpc.storage.EncryptedShareStore;
import io.custody.mpc.storage.KeyEncryptionKey;
import io.custody.mpc.storage.KeyId;
import io.custody.mpc.storage.ShareSlot;
import io.custody.mpc.storage.WalletId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The node core without HTTP: what it does when the relay misbehaves, when it restarts, when sessions expire. */
class MpcNodeTest {

    static final SecureRandom RANDOM = new SecureRandom();
    static final String ED = Ed25519Sha512.INSTANCE.protocolName();

    @TempDir
    Path dir;
    final List<NodeIdentity> ids = new ArrayList<>();
    final List<EncryptedShareStore> stores = new ArrayList<>();
    final List<MpcNode> nodes = new ArrayList<>();
    ClusterRoster roster;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T06:00:00Z"));
    final Map<Integer, NodeId> parties = new TreeMap<>();

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeEach
    void nodes() {
        Map<NodeId, ClusterRoster.Member> members = new LinkedHashMap<>();
        for (int i = 1; i <= 3; i++) {
            NodeIdentity id = NodeIdentity.generate(new NodeId("node-" + i), RANDOM);
            byte[] kek = new byte[32];
            RANDOM.nextBytes(kek);
            ids.add(id);
            stores.add(new EncryptedShareStore(dir.resolve("n" + i), KeyEncryptionKey.of(kek), RANDOM));
            members.put(id.id(), new ClusterRoster.Member(id.id(), URI.create("http://127.0.0.1:1"), id.publicKeys()));
            parties.put(i, id.id());
        }
        roster = new ClusterRoster(members, Map.of());
        for (int i = 0; i < 3; i++) {
            nodes.add(newNode(i));
        }
    }

    MpcNode newNode(int i) {
        return new MpcNode(ids.get(i), roster, ProtocolRegistry.withFrost(), stores.get(i), RANDOM, clock,
                Duration.ofSeconds(30));
    }

    SessionRequest request(Operation op, List<Integer> active, byte[] msg) {
        return new SessionRequest(UUID.randomUUID().toString(), ED, op, new WalletId("w1"), new KeyId("k1"), 2, parties,
                active, msg);
    }

    /** Relays like the coordinator, letting the test rewrite each envelope; returns each node's final output. */
    Map<Integer, RoundOutput> relay(SessionRequest req, UnaryOperator<SealedEnvelope> tamper) {
        Map<Integer, RoundOutput> outputs = new TreeMap<>();
        for (int p : req.active()) {
            outputs.put(p, nodes.get(p - 1).start(req));
        }
        Map<Integer, RoundOutput> finals = new TreeMap<>();
        while (true) {
            Map<Integer, List<SealedEnvelope>> inbox = new TreeMap<>();
            outputs.forEach((p, out) -> {
                if (out.status() != RoundOutput.Status.RUNNING) {
                    finals.put(p, out);
                }
                for (SealedEnvelope e : out.outgoing()) {
                    for (int to : req.active()) {
                        if (to != e.fromParty() && (e.isBroadcast() || e.toParty() == to)) {
                            inbox.computeIfAbsent(to, k -> new ArrayList<>()).add(tamper.apply(e));
                        }
                    }
                }
            });
            inbox.keySet().removeIf(finals::containsKey);
            if (inbox.isEmpty()) {
                return finals;
            }
            outputs = new TreeMap<>();
            for (var e : inbox.entrySet()) {
                outputs.put(e.getKey(), nodes.get(e.getKey() - 1).deliver(req.sessionId(), e.getValue()));
            }
        }
    }

    byte[] keygen() {
        Map<Integer, RoundOutput> out = relay(request(Operation.KEYGEN, List.of(1, 2, 3), new byte[0]), e -> e);
        out.values().forEach(o -> assertThat(o.status()).isEqualTo(RoundOutput.Status.DONE));
        return out.get(1).result();
    }

    @Test
    void relay_that_alters_a_point_to_point_share_makes_the_recipient_abort_naming_the_sender() {
        Map<Integer, RoundOutput> out = relay(request(Operation.KEYGEN, List.of(1, 2, 3), new byte[0]), e -> {
            if (!e.isBroadcast() && e.fromParty() == 2 && e.toParty() == 3) {
                byte[] b = e.body();
                b[3] ^= 1;
                return new SealedEnvelope(e.sessionId(), e.protocol(), e.round(), e.fromParty(), e.toParty(),
                        e.fromNode(), e.toNode(), e.nonce(), b, e.signature());
            }
            return e;
        });
        assertThat(out.get(3).status()).isEqualTo(RoundOutput.Status.ABORTED);
        assertThat(out.get(3).culprit()).isEqualTo(2);
        assertThat(out.get(3).check()).isEqualTo("envelope");
        assertThat(stores.get(2).exists(new ShareSlot(new WalletId("w1"), new KeyId("k1"), ED))).isFalse();
    }

    @Test
    void node_cannot_speak_for_another_party_index() {
        // Node 1 signs an envelope claiming to be party 2: the node-to-party binding catches it.
        Map<Integer, RoundOutput> out = relay(request(Operation.KEYGEN, List.of(1, 2, 3), new byte[0]), e -> {
            if (e.round() == 1 && e.fromParty() == 1) {
                return new EnvelopeCrypto(ids.get(0), roster, RANDOM).seal(new io.custody.mpc.session.ProtocolMessage(
                        e.sessionId(), e.protocol(), 1, 2, 0, e.body()), null);
            }
            return e;
        });
        assertThat(out.get(3).status()).isEqualTo(RoundOutput.Status.ABORTED);
        assertThat(out.get(3).check()).isEqualTo("envelope");
        assertThat(out.get(3).detail()).contains("does not play party 2");
        assertThat(out.get(3).culprit()).isEqualTo(1);
    }

    @Test
    void restarted_node_loses_the_session_but_keeps_its_share_and_signs_afterwards() throws Exception {
        byte[] groupKey = keygen();
        SessionRequest req = request(Operation.SIGN, List.of(1, 2), new byte[] {1});
        RoundOutput first = nodes.get(0).start(req);
        nodes.get(1).start(req);
        assertThat(first.outgoing()).isNotEmpty();
        nodes.set(1, newNode(1)); // node 2 "restarts": in-memory session state is gone
        assertThatThrownBy(() -> nodes.get(1).deliver(req.sessionId(), first.outgoing()))
                .isInstanceOfSatisfying(MpcNode.Refused.class, r -> assertThat(r.code).isEqualTo("SESSION_UNKNOWN"));
        Map<Integer, RoundOutput> out = relay(request(Operation.SIGN, List.of(1, 2), new byte[] {1}), e -> e);
        assertThat(out.get(2).status()).isEqualTo(RoundOutput.Status.DONE);
        assertThat(EmbeddedClusterTest.ed25519Accepts(groupKey, new byte[] {1}, out.get(2).result())).isTrue();
        try (var files = Files.walk(dir)) {
            assertThat(files.filter(f -> f.toString().endsWith(".tmp")).count()).isZero();
        }
    }

    @Test
    void coordinator_cannot_make_a_node_sign_as_another_party() {
        keygen();
        Map<Integer, NodeId> swapped = new TreeMap<>(Map.of(1, ids.get(1).id(), 2, ids.get(0).id(), 3, ids.get(2).id()));
        SessionRequest req = new SessionRequest(UUID.randomUUID().toString(), ED, Operation.SIGN, new WalletId("w1"),
                new KeyId("k1"), 2, swapped, List.of(1, 2), new byte[] {1});
        assertThatThrownBy(() -> nodes.get(0).start(req)).isInstanceOfSatisfying(MpcNode.Refused.class,
                r -> assertThat(r.getMessage()).contains("its share is party 1"));
    }

    @Test
    void machine_that_throws_ends_its_session_blaming_nobody() {
        ProtocolFactory throwing = new ProtocolFactory() {
            @Override
            public String protocol() {
                return "broken-protocol/1";
            }

            @Override
            public NodeSession<?> open(SessionRequest r, int party, EncryptedShareStore store, SecureRandom random) {
                return new NodeSession<byte[]>(new io.custody.mpc.session.PartyStateMachine<>() {
                    @Override
                    public int partyIndex() {
                        return party;
                    }

                    @Override
                    public List<io.custody.mpc.session.ProtocolMessage> start() {
                        return List.of(new io.custody.mpc.session.ProtocolMessage(r.sessionId(), protocol(), 1, party,
                                0, new byte[] {1}));
                    }

                    @Override
                    public io.custody.mpc.session.Step<byte[]> receive(io.custody.mpc.session.ProtocolMessage m) {
                        throw new IllegalStateException("bug");
                    }
                }, b -> b);
            }
        };
        List<MpcNode> broken = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ProtocolRegistry registry = new ProtocolRegistry().register(throwing);
            broken.add(new MpcNode(ids.get(i), roster, registry, stores.get(i), RANDOM, clock, Duration.ofSeconds(30)));
        }
        SessionRequest req = new SessionRequest(UUID.randomUUID().toString(), "broken-protocol/1", Operation.SIGN,
                new WalletId("w1"), new KeyId("k1"), 2, parties, List.of(1, 2), new byte[0]);
        RoundOutput first = broken.get(0).start(req);
        broken.get(1).start(req);
        RoundOutput out = broken.get(1).deliver(req.sessionId(), first.outgoing());
        assertThat(out.status()).isEqualTo(RoundOutput.Status.ABORTED);
        // The machine's own fault, not its sender's message: nobody is blamed (an honest sender would otherwise be
        // left out of the coordinator's retry).
        assertThat(out.check()).isEqualTo("internal-error");
        assertThat(out.culprit()).isZero();
        assertThat(broken.get(1).runningSessions()).isZero();
    }

    @Test
    void expired_session_is_dropped() {
        keygen();
        SessionRequest req = request(Operation.SIGN, List.of(1, 2), new byte[] {1});
        RoundOutput first = nodes.get(0).start(req);
        nodes.get(1).start(req);
        clock.now = clock.now.plusSeconds(31);
        assertThat(nodes.get(1).runningSessions()).isZero();
        assertThatThrownBy(() -> nodes.get(1).deliver(req.sessionId(), first.outgoing()))
                .isInstanceOfSatisfying(MpcNode.Refused.class, r -> assertThat(r.code).isEqualTo("SESSION_UNKNOWN"));
    }

    @Test
    void cancelled_session_is_dropped_with_its_state() {
        keygen();
        SessionRequest req = request(Operation.SIGN, List.of(1, 2), new byte[] {1});
        RoundOutput first = nodes.get(0).start(req);
        nodes.get(1).start(req);
        nodes.get(1).cancel(req.sessionId());
        nodes.get(1).cancel("never-existed");
        assertThat(nodes.get(1).runningSessions()).isZero();
        assertThatThrownBy(() -> nodes.get(1).deliver(req.sessionId(), first.outgoing()))
                .isInstanceOfSatisfying(MpcNode.Refused.class, r -> assertThat(r.code).isEqualTo("SESSION_UNKNOWN"));
    }

    @Test
    void duplicate_session_id_is_refused() {
        keygen();
        SessionRequest req = request(Operation.SIGN, List.of(1, 2), new byte[] {1});
        nodes.get(0).start(req);
        assertThatThrownBy(() -> nodes.get(0).start(req))
                .isInstanceOfSatisfying(MpcNode.Refused.class, r -> assertThat(r.code).isEqualTo("SESSION_EXISTS"));
    }

    @Test
    void corrupted_share_file_is_reported_not_used() throws Exception {
        keygen();
        try (var files = Files.walk(dir.resolve("n1"))) {
            Path share = files.filter(f -> f.toString().endsWith(".share")).findFirst().orElseThrow();
            byte[] b = Files.readAllBytes(share);
            b[b.length - 1] ^= 1;
            Files.write(share, b);
        }
        assertThatThrownBy(() -> nodes.get(0).start(request(Operation.SIGN, List.of(1, 2), new byte[] {1})))
                .isInstanceOfSatisfying(MpcNode.Refused.class, r -> assertThat(r.code).isEqualTo("SHARE_CORRUPTED"));
    }

    @Test
    void keygen_with_gaps_in_the_party_numbering_is_refused() {
        Map<Integer, NodeId> gapped = new TreeMap<>(Map.of(1, ids.get(0).id(), 2, ids.get(1).id(), 5, ids.get(2).id()));
        SessionRequest req = new SessionRequest(UUID.randomUUID().toString(), ED, Operation.KEYGEN, new WalletId("w1"),
                new KeyId("k1"), 2, gapped, List.of(1, 2, 5), new byte[0]);
        assertThatThrownBy(() -> nodes.get(0).start(req)).isInstanceOfSatisfying(MpcNode.Refused.class,
                r -> assertThat(r.getMessage()).contains("numbers its parties 1..3"));
    }

    @Test
    void keygen_without_every_party_is_refused() {
        assertThatThrownBy(() -> nodes.get(0).start(request(Operation.KEYGEN, List.of(1, 2), new byte[0])))
                .isInstanceOfSatisfying(MpcNode.Refused.class, r -> assertThat(r.code).isEqualTo("ALL_PARTIES_REQUIRED"));
    }
}
