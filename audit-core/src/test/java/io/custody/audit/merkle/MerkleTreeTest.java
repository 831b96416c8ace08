package io.custody.audit.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custody.audit.record.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stored-node tree gives exactly the RFC's hashes and proofs, and the RFC's verifiers reject every forgery. */
class MerkleTreeTest {

    private static final int MAX = 70;
    private static final List<byte[]> DATA = new ArrayList<>();
    private static final InMemoryNodeStore NODES = new InMemoryNodeStore();
    private static final MerkleTree TREE = new MerkleTree(NODES);

    @BeforeAll
    static void appendLeaves() {
        for (int i = 0; i < MAX; i++) {
            byte[] data = ("record " + i).getBytes(StandardCharsets.UTF_8);
            DATA.add(data);
            NODES.append(MerkleHashes.leaf(data));
        }
    }

    @Test
    void hashes_are_the_rfc_ones_for_the_empty_tree_a_leaf_and_a_node() {
        assertThat(HexFormat.of().formatHex(MerkleHashes.empty()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        // SHA-256 of the single byte 0x00: the leaf hash of empty data
        assertThat(HexFormat.of().formatHex(MerkleHashes.leaf(new byte[0])))
                .isEqualTo("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
        assertThat(TREE.root(0)).isEqualTo(MerkleHashes.empty());
    }

    @Test
    void roots_inclusion_paths_and_consistency_proofs_equal_the_rfc_recursions_for_every_size() {
        for (int n = 1; n <= MAX; n++) {
            List<byte[]> d = DATA.subList(0, n);
            assertThat(TREE.root(n)).as("root of %d", n).isEqualTo(ReferenceMerkle.mth(d));
            for (int m = 0; m < n; m++) {
                assertThat(TREE.inclusionProof(m, n)).as("path %d in %d", m, n)
                        .containsExactlyElementsOf(ReferenceMerkle.path(m, d));
            }
            for (int m = 1; m <= n; m++) {
                assertThat(TREE.consistencyProof(m, n)).as("proof %d to %d", m, n)
                        .containsExactlyElementsOf(ReferenceMerkle.proof(m, d));
            }
        }
    }

    @Test
    void every_inclusion_proof_verifies_and_no_forged_one_does() {
        for (int n = 1; n <= MAX; n++) {
            byte[] root = TREE.root(n);
            for (int m = 0; m < n; m++) {
                byte[] leaf = MerkleHashes.leaf(DATA.get(m));
                List<byte[]> path = TREE.inclusionProof(m, n);
                assertThat(MerkleProofs.verifyInclusion(m, n, leaf, path, root)).isTrue();

                byte[] otherLeaf = MerkleHashes.leaf(DATA.get((m + 1) % MAX));
                assertThat(MerkleProofs.verifyInclusion(m, n, otherLeaf, path, root)).as("wrong leaf").isFalse();
                assertThat(MerkleProofs.verifyInclusion(m, n, Sha256.of(DATA.get(m)), path, root))
                        .as("leaf data hashed without the 0x00 prefix").isFalse();
                if (n > 1) {
                    assertThat(MerkleProofs.verifyInclusion((m + 1) % n, n, leaf, path, root)).as("wrong index")
                            .isFalse();
                }
                assertThat(MerkleProofs.verifyInclusion(m, n, leaf, path, TREE.root(n == MAX ? n - 1 : n + 1)))
                        .as("wrong root").isFalse();
                // a size is only ever claimed together with its root (a checkpoint signs both)
                if (n < MAX) {
                    assertThat(MerkleProofs.verifyInclusion(m, n + 1, leaf, path, TREE.root(n + 1)))
                            .as("wrong size").isFalse();
                }
                if (m < n - 1) {
                    assertThat(MerkleProofs.verifyInclusion(m, n - 1, leaf, path, TREE.root(n - 1)))
                            .as("smaller size").isFalse();
                }
                assertThat(MerkleProofs.verifyInclusion(m, m, leaf, path, root)).as("index not below size")
                        .isFalse();
                for (int i = 0; i < path.size(); i++) {
                    assertThat(MerkleProofs.verifyInclusion(m, n, leaf, tampered(path, i), root))
                            .as("path element %d tampered", i).isFalse();
                }
                if (!path.isEmpty()) {
                    assertThat(MerkleProofs.verifyInclusion(m, n, leaf, path.subList(0, path.size() - 1), root))
                            .as("path truncated").isFalse();
                }
                List<byte[]> extended = new ArrayList<>(path);
                extended.add(root);
                assertThat(MerkleProofs.verifyInclusion(m, n, leaf, extended, root)).as("path extended").isFalse();
            }
        }
    }

    @Test
    void every_consistency_proof_verifies_and_no_forged_one_does() {
        for (int n = 1; n <= MAX; n++) {
            byte[] second = TREE.root(n);
            for (int m = 1; m <= n; m++) {
                byte[] first = TREE.root(m);
                List<byte[]> proof = TREE.consistencyProof(m, n);
                assertThat(MerkleProofs.verifyConsistency(m, n, proof, first, second)).as("%d to %d", m, n).isTrue();

                for (int i = 0; i < proof.size(); i++) {
                    assertThat(MerkleProofs.verifyConsistency(m, n, tampered(proof, i), first, second))
                            .as("%d to %d, element %d tampered", m, n, i).isFalse();
                }
                if (m < n) {
                    assertThat(MerkleProofs.verifyConsistency(m, n, proof, tamperedHash(first), second))
                            .as("wrong first root").isFalse();
                    assertThat(MerkleProofs.verifyConsistency(m, n, proof, first, tamperedHash(second)))
                            .as("wrong second root").isFalse();
                    if (n < MAX) {
                        assertThat(MerkleProofs.verifyConsistency(m, n + 1, proof, first, TREE.root(n + 1)))
                                .as("wrong second size").isFalse();
                    }
                    if (m > 1) {
                        assertThat(MerkleProofs.verifyConsistency(m - 1, n, proof, TREE.root(m - 1), second))
                                .as("wrong first size").isFalse();
                    }
                    assertThat(MerkleProofs.verifyConsistency(m, n, List.of(), first, second)).as("empty proof")
                            .isFalse();
                    assertThat(MerkleProofs.verifyConsistency(n, m, proof, second, first)).as("sizes swapped")
                            .isFalse();
                }
            }
        }
        assertThat(MerkleProofs.verifyConsistency(0, 5, List.of(), MerkleHashes.empty(), TREE.root(5))).isTrue();
        assertThat(MerkleProofs.verifyConsistency(0, 5, List.of(), TREE.root(1), TREE.root(5))).isFalse();
    }

    @Test
    void proofs_are_refused_for_indexes_and_sizes_outside_the_tree() {
        assertThatThrownBy(() -> TREE.inclusionProof(5, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TREE.inclusionProof(-1, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TREE.consistencyProof(6, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TREE.consistencyProof(0, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<byte[]> tampered(List<byte[]> hashes, int i) {
        List<byte[]> copy = new ArrayList<>(hashes);
        copy.set(i, tamperedHash(hashes.get(i)));
        return copy;
    }

    private static byte[] tamperedHash(byte[] hash) {
        byte[] copy = hash.clone();
        copy[7] ^= 0x01;
        return copy;
    }
}
