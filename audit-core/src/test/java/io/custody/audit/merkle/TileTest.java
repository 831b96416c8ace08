package io.custody.audit.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * C2SP tlog-tiles over the stored tree: canonical paths only, and tiles from which a verifier that knows nothing but
 * RFC 9162 recomputes every higher tile and the tree's root.
 */
class TileTest {

    /** 257 full leaf tiles and a partial one of 208; at level 1 one full tile and one of width 1; at level 2 one hash. */
    private static final int SIZE = 66_000;
    private static final InMemoryNodeStore NODES = new InMemoryNodeStore();

    @BeforeAll
    static void appendLeaves() {
        for (int i = 0; i < SIZE; i++) {
            NODES.append(MerkleHashes.leaf(("record " + i).getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void paths_are_the_c2sp_ones() {
        assertThat(new Tile(0, 0, 256).path()).isEqualTo("tile/0/000");
        assertThat(new Tile(0, 1_234_067, 256).path()).isEqualTo("tile/0/x001/x234/067");
        assertThat(new Tile(1, 3, 5).path()).isEqualTo("tile/1/003.p/5");
        assertThat(new Tile(2, 1_000, 255).path()).isEqualTo("tile/2/x001/000.p/255");
        assertThat(Tile.parse("0", "x001/x234/067")).isEqualTo(new Tile(0, 1_234_067, 256));
        assertThat(Tile.parse("3", "067.p/12")).isEqualTo(new Tile(3, 67, 12));
        Random random = new Random(7);
        for (int i = 0; i < 1_000; i++) {
            int level = random.nextInt(Tile.MAX_LEVEL + 1);
            long index = ((random.nextLong() >>> 1) >>> (Tile.HEIGHT * level)) >>> Tile.HEIGHT;
            Tile tile = new Tile(level, index, 1 + random.nextInt(256));
            String path = tile.path();
            String indexPath = path.substring(("tile/" + level + "/").length());
            assertThat(Tile.parse(String.valueOf(level), indexPath)).as(path).isEqualTo(tile);
        }
    }

    @Test
    void a_tile_has_one_name_only_and_malformed_names_are_refused() {
        for (String[] bad : new String[][] {
                {"0", "67"}, {"0", "0067"}, {"0", "x067"}, {"0", "000/067"}, {"0", "x000/067"},
                {"0", "x001/x234/067/"}, {"0", ""}, {"0", null}, {"0", "-01"}, {"0", "06a"}, {"0", "067.p/0"},
                {"0", "067.p/256"}, {"0", "067.p/05"}, {"0", "067.p/"}, {"0", "067.p/5/"}, {"0", "067.p/x"},
                {"01", "000"}, {"8", "000"}, {"", "000"}, {null, "000"}, {"-1", "000"}, {"0", "x999/x999/x999/x999/x999/x999/999"},
                {"7", "x001/000"}}) {
            assertThatThrownBy(() -> Tile.parse(bad[0], bad[1])).as(Arrays.toString(bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new Tile(0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Tile(0, -1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Tile(8, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_tile_exists_once_all_its_hashes_do() {
        assertThat(new Tile(0, 256, 256).existsIn(SIZE)).isTrue();
        assertThat(new Tile(0, 257, 208).existsIn(SIZE)).isTrue();
        assertThat(new Tile(0, 257, 209).existsIn(SIZE)).isFalse();
        assertThat(new Tile(0, 257, 256).existsIn(SIZE)).isFalse();
        assertThat(new Tile(0, 258, 1).existsIn(SIZE)).isFalse();
        assertThat(new Tile(1, 0, 256).existsIn(SIZE)).isTrue();
        assertThat(new Tile(1, 1, 1).existsIn(SIZE)).isTrue();
        assertThat(new Tile(1, 1, 2).existsIn(SIZE)).isFalse();
        assertThat(new Tile(2, 0, 1).existsIn(SIZE)).isTrue();
        assertThat(new Tile(2, 0, 2).existsIn(SIZE)).isFalse();
        assertThat(new Tile(3, 0, 1).existsIn(SIZE)).isFalse();
    }

    @Test
    void a_verifier_recomputes_the_higher_tiles_and_the_root_from_the_leaf_tiles() {
        List<byte[]> leaves = new ArrayList<>();
        for (long n = 0; n <= 257; n++) {
            int width = n < 257 ? 256 : 208;
            leaves.addAll(hashes(new Tile(0, n, width).read(NODES)));
        }
        assertThat(leaves).hasSize(SIZE);
        // level 1: each hash is the root of 256 consecutive leaves
        List<byte[]> level1 = new ArrayList<>(hashes(new Tile(1, 0, 256).read(NODES)));
        level1.addAll(hashes(new Tile(1, 1, 1).read(NODES)));
        assertThat(level1).hasSize(257);
        for (int i = 0; i < level1.size(); i++) {
            assertThat(level1.get(i)).as("level-1 hash %d", i).isEqualTo(root(leaves.subList(i * 256, (i + 1) * 256)));
        }
        List<byte[]> level2 = hashes(new Tile(2, 0, 1).read(NODES));
        assertThat(level2.get(0)).isEqualTo(root(level1.subList(0, 256)));
        // the root of the whole tree, from the leaves alone, is the tree's root
        assertThat(root(leaves)).isEqualTo(new MerkleTree(NODES).root(SIZE));
        // and a changed leaf hash would not give it
        List<byte[]> forged = new ArrayList<>(leaves);
        forged.set(12_345, MerkleHashes.leaf("forged".getBytes(StandardCharsets.UTF_8)));
        assertThat(root(forged)).isNotEqualTo(new MerkleTree(NODES).root(SIZE));
    }

    private static List<byte[]> hashes(byte[] tile) {
        assertThat(tile.length % MerkleHashes.SIZE).isZero();
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < tile.length; i += MerkleHashes.SIZE) {
            out.add(Arrays.copyOfRange(tile, i, i + MerkleHashes.SIZE));
        }
        return out;
    }

    /** RFC 9162's MTH over leaf hashes already computed (the split at the largest power of two below n). */
    private static byte[] root(List<byte[]> leafHashes) {
        int n = leafHashes.size();
        if (n == 1) {
            return leafHashes.get(0);
        }
        int k = Integer.highestOneBit(n - 1);
        return MerkleHashes.node(root(leafHashes.subList(0, k)), root(leafHashes.subList(k, n)));
    }
}
