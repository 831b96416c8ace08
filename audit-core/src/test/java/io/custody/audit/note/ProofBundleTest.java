package io.custody.audit.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custody.audit.merkle.InMemoryNodeStore;
import io.custody.audit.merkle.MerkleHashes;
import io.custody.audit.merkle.MerkleTree;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An offline proof bundle verifies with the bundle and the log's key alone, and nothing forged in it passes. */
class ProofBundleTest {

    private static final String ORIGIN = "custody.example/audit";
    private final NoteSigner signer = NoteSigner.generate(ORIGIN, new SecureRandom());
    private final List<byte[]> data = new ArrayList<>();
    private final InMemoryNodeStore nodes = new InMemoryNodeStore();
    private final MerkleTree tree = new MerkleTree(nodes);

    ProofBundleTest() {
        for (int i = 0; i < 11; i++) {
            data.add(("leaf " + i).getBytes(StandardCharsets.UTF_8));
            nodes.append(MerkleHashes.leaf(data.get(i)));
        }
    }

    private ProofBundle bundle(int index, byte[] leafData) {
        String checkpoint = signer.sign(new Checkpoint(ORIGIN, 11, tree.root(11)).body());
        return new ProofBundle(leafData, index, tree.inclusionProof(index, 11), checkpoint);
    }

    @Test
    void a_bundle_round_trips_in_the_tlog_proof_layout_and_verifies() throws Exception {
        String text = bundle(6, data.get(6)).format();
        assertThat(text).startsWith("c2sp.org/tlog-proof@v1\nextra ").contains("\nindex 6\n")
                .contains("\n\n" + ORIGIN + "\n11\n");
        ProofBundle parsed = ProofBundle.parse(text);
        assertThat(parsed.leafData()).isEqualTo(data.get(6));
        assertThat(parsed.verify(signer.key(), ORIGIN).size()).isEqualTo(11);
    }

    @Test
    void another_record_or_another_index_does_not_verify() throws Exception {
        ProofBundle otherRecord = ProofBundle.parse(bundle(6, data.get(5)).format());
        assertThatThrownBy(() -> otherRecord.verify(signer.key(), ORIGIN)).isInstanceOf(NoteException.class)
                .hasMessageContaining("not included");
        String moved = bundle(6, data.get(6)).format().replace("\nindex 6\n", "\nindex 7\n");
        assertThatThrownBy(() -> ProofBundle.parse(moved).verify(signer.key(), ORIGIN))
                .isInstanceOf(NoteException.class).hasMessageContaining("not included");
    }

    @Test
    void a_tampered_path_hash_does_not_verify() throws Exception {
        ProofBundle good = bundle(3, data.get(3));
        List<byte[]> path = new ArrayList<>(good.path());
        byte[] changed = path.get(1).clone();
        changed[0] ^= 1;
        path.set(1, changed);
        ProofBundle tampered = ProofBundle.parse(new ProofBundle(good.leafData(), 3, path, good.signedCheckpoint())
                .format());
        assertThatThrownBy(() -> tampered.verify(signer.key(), ORIGIN)).isInstanceOf(NoteException.class);
    }

    @Test
    void a_bundle_under_a_checkpoint_of_another_key_does_not_verify() throws Exception {
        NoteSigner impostor = NoteSigner.generate(ORIGIN, new SecureRandom());
        String forged = impostor.sign(new Checkpoint(ORIGIN, 11, tree.root(11)).body());
        ProofBundle bundle = new ProofBundle(data.get(2), 2, tree.inclusionProof(2, 11), forged);
        assertThatThrownBy(() -> ProofBundle.parse(bundle.format()).verify(signer.key(), ORIGIN))
                .isInstanceOf(NoteException.class).hasMessageContaining("no signature of the key");
    }

    @Test
    void malformed_bundles_are_refused() {
        String good = bundle(1, data.get(1)).format();
        assertThatThrownBy(() -> ProofBundle.parse(good.replace("c2sp.org/tlog-proof@v1", "tlog-proof")))
                .isInstanceOf(NoteException.class);
        assertThatThrownBy(() -> ProofBundle.parse(good.replace("\nindex 1\n", "\nindex 01\n")))
                .isInstanceOf(NoteException.class);
        assertThatThrownBy(() -> ProofBundle.parse(good.replace("\nindex 1\n", "\nindex 1\nAAAA\n")))
                .isInstanceOf(NoteException.class);
        assertThatThrownBy(() -> ProofBundle.parse(good.replace("\n\n", "\n"))).isInstanceOf(NoteException.class);
    }
}
