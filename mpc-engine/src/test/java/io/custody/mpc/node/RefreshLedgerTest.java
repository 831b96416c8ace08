package io.custody.mpc.node;

import io.custody.mpc.ecdsa.round.AckCertificate;
import io.custody.mpc.ecdsa.round.PartyKeys;
import io.custody.mpc.frost.Ed25519Sha512;
import io.custody.mpc.frost.FrostDkgParty;
import io.custody.mpc.frost.FrostRefreshParty;
import io.custody.mpc.frost.KeyShare;
import io.custody.mpc.frost.LocalRun;
import io.custody.mpc.session.Step;
import io.custody.mpc.storage.EncryptedShareStore;
import io.custody.mpc.storage.KeyEncryptionKey;
import io.custody.mpc.storage.KeyId;
import io.custody.mpc.storage.ShareSlot;
import io.custody.mpc.storage.WalletId;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The evidence a node accepts to settle a pending refresh generation (docs/adr/frost-005), each with a forged or
 * incomplete variant that it refuses.
 */
class RefreshLedgerTest {

    static final SecureRandom RANDOM = new SecureRandom();
    static final String ED = Ed25519Sha512.INSTANCE.protocolName();
    static final String SESSION = "refresh-session-1";

    @TempDir
    Path dir;
    List<NodeIdentity> ids = new ArrayList<>();
    List<EncryptedShareStore> stores = new ArrayList<>();
    List<RefreshLedger> ledgers = new ArrayList<>();
    Map<Integer, NodeId> parties = new TreeMap<>();
    ShareSlot slot = new ShareSlot(new WalletId("w"), new KeyId("k"), ED);
    List<KeyShare> fresh = new ArrayList<>();
    List<FrostRefreshParty> machines = new ArrayList<>();

    @BeforeEach
    void threeNodesWithAFinishedRefresh() {
        Map<NodeId, ClusterRoster.Member> members = new LinkedHashMap<>();
        for (int i = 1; i <= 3; i++) {
            NodeId id = new NodeId("node-" + i);
            NodeIdentity identity = NodeIdentity.generate(id, RANDOM);
            ids.add(identity);
            stores.add(new EncryptedShareStore(dir.resolve("node-" + i), KeyEncryptionKey.of(random32()), RANDOM));
            members.put(id, new ClusterRoster.Member(id, URI.create("http://127.0.0.1:1"), identity.publicKeys()));
            parties.put(i, id);
        }
        ClusterRoster roster = new ClusterRoster(members, Map.of());
        for (int i = 0; i < 3; i++) ledgers.add(new RefreshLedger(stores.get(i), ids.get(i), roster));
        List<FrostDkgParty> dkg = new ArrayList<>();
        for (int i = 1; i <= 3; i++) dkg.add(new FrostDkgParty(Ed25519Sha512.INSTANCE, "dkg", i, 2, 3, keys(i), RANDOM));
        List<KeyShare> old = LocalRun.run(dkg).values().stream().map(s -> ((Step.Done<KeyShare>) s).result()).toList();
        for (int i = 0; i < 3; i++) stores.get(i).put(slot, old.get(i).toBytes());
        for (KeyShare s : old) {
            int i = s.identifier();
            machines.add(new FrostRefreshParty(SESSION, s, keys(i), RANDOM, share -> {
                ledgers.get(i - 1).storePending(slot, new RefreshLedger.Pending(SESSION, parties,
                        FrostRefreshParty.ackPayload(SESSION, share.publicKeyPackage()), share.toBytes()));
                fresh.add(share);
            }));
        }
        assertThat(LocalRun.run(machines).values()).allMatch(s -> s instanceof Step.Done);
    }

    private PartyKeys keys(int self) {
        Map<Integer, Ed25519PublicKeyParameters> peers = new TreeMap<>();
        for (int i = 1; i <= 3; i++) peers.put(i, new Ed25519PublicKeyParameters(ids.get(i - 1).publicKeys().signing(), 0));
        return new PartyKeys(ids.get(self - 1).signingKey(), peers);
    }

    private static byte[] random32() {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        return k;
    }

    private AckCertificate certificate() {
        return machines.get(0).certificate();
    }

    @Test
    void a_pending_generation_blocks_signing_until_it_is_settled() {
        assertThatThrownBy(() -> ledgers.get(0).settle(slot)).isInstanceOfSatisfying(SessionRefusedException.class,
                e -> assertThat(e.code()).isEqualTo("REFRESH_PENDING"));
    }

    @Test
    void a_valid_certificate_commits_the_pending_share_and_a_forged_one_does_not() {
        byte[] oldShare = stores.get(0).get(slot);
        AckCertificate real = certificate();
        SortedMap<Integer, byte[]> sigs = new TreeMap<>(real.signatures());
        byte[] s3 = sigs.get(3).clone();
        s3[10] ^= 1;
        sigs.put(3, s3);
        AckCertificate forged = new AckCertificate(real.context(), real.sessionId(), real.protocol(), real.round(),
                real.ackPayload(), sigs);
        assertThatThrownBy(() -> ledgers.get(0).commit(slot, forged)).isInstanceOf(IllegalArgumentException.class);
        SortedMap<Integer, byte[]> two = new TreeMap<>(real.signatures());
        two.remove(3);
        assertThatThrownBy(() -> ledgers.get(0).commit(slot, new AckCertificate(real.context(), real.sessionId(),
                real.protocol(), real.round(), real.ackPayload(), two))).isInstanceOf(IllegalArgumentException.class);
        assertThat(stores.get(0).get(slot)).isEqualTo(oldShare);
        assertThat(ledgers.get(0).hasPending(slot)).isTrue();

        ledgers.get(0).commit(slot, real);

        assertThat(ledgers.get(0).hasPending(slot)).isFalse();
        assertThat(stores.get(0).get(slot)).isEqualTo(fresh.stream().filter(s -> s.identifier() == 1).findFirst()
                .orElseThrow().toBytes());
        ledgers.get(0).settle(slot); // nothing pending any more: sessions may run
    }

    @Test
    void a_node_that_committed_answers_an_abandon_request_with_its_certificate() {
        ledgers.get(0).commit(slot, certificate());
        RefreshResolution.Status s = RefreshResolution.Status.decode(ledgers.get(0).handle(slot,
                RefreshResolution.Command.abandon(SESSION).encode()));
        assertThat(s.abandonStatement()).isNull();
        assertThat(s.certificate().sessionId()).isEqualTo(SESSION);
    }

    @Test
    void a_node_that_signed_an_abandon_statement_never_commits_that_session() {
        RefreshResolution.Status s = RefreshResolution.Status.decode(ledgers.get(0).handle(slot,
                RefreshResolution.Command.abandon(SESSION).encode()));
        assertThat(s.abandonStatement()).hasSize(64);
        assertThatThrownBy(() -> ledgers.get(0).commit(slot, certificate())).isInstanceOf(IllegalStateException.class);
        assertThat(ledgers.get(0).hasPending(slot)).isTrue();
    }

    @Test
    void discarding_needs_a_valid_abandon_statement_from_every_party() {
        SortedMap<Integer, byte[]> statements = new TreeMap<>();
        for (int i = 1; i <= 3; i++) {
            statements.put(i, RefreshResolution.Status.decode(ledgers.get(i - 1).handle(slot,
                    RefreshResolution.Command.abandon(SESSION).encode())).abandonStatement());
        }
        SortedMap<Integer, byte[]> missing = new TreeMap<>(statements);
        missing.remove(2);
        assertThatThrownBy(() -> ledgers.get(0).handle(slot, RefreshResolution.Command.discard(SESSION, missing)
                .encode())).isInstanceOf(IllegalArgumentException.class);
        SortedMap<Integer, byte[]> forged = new TreeMap<>(statements);
        byte[] bad = forged.get(2).clone();
        bad[5] ^= 1;
        forged.put(2, bad);
        assertThatThrownBy(() -> ledgers.get(0).handle(slot, RefreshResolution.Command.discard(SESSION, forged)
                .encode())).isInstanceOf(IllegalArgumentException.class);
        SortedMap<Integer, byte[]> swapped = new TreeMap<>(statements);
        swapped.put(2, statements.get(3)); // node-3's statement does not speak for node-2
        assertThatThrownBy(() -> ledgers.get(0).handle(slot, RefreshResolution.Command.discard(SESSION, swapped)
                .encode())).isInstanceOf(IllegalArgumentException.class);
        assertThat(ledgers.get(0).hasPending(slot)).isTrue();

        byte[] oldShare = stores.get(0).get(slot);
        ledgers.get(0).handle(slot, RefreshResolution.Command.discard(SESSION, statements).encode());

        assertThat(ledgers.get(0).hasPending(slot)).isFalse();
        assertThat(Arrays.equals(stores.get(0).get(slot), oldShare)).isTrue();
    }
}
