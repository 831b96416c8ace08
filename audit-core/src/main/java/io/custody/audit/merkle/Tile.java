package io.custody.audit.merkle;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One hash tile of the tree in the C2SP {@code tlog-tiles} layout: tiles of height 8, so tile {@code (level, index)}
 * holds the hashes of tree level {@code 8 * level}, nodes {@code index * 256} to {@code index * 256 + width - 1}. A
 * node at tree level {@code 8 * level} is the root of a perfect subtree of {@code 256^level} leaves, which is exactly
 * what {@link NodeStore} keeps, so a tile is a range of stored nodes. A full tile has 256 hashes; the rightmost tile of
 * a level in a tree whose size is not a multiple of its span is partial, {@code width} 1 to 255, and named with a
 * {@code .p/<width>} suffix.
 *
 * <p>Paths are parsed strictly and only in their canonical form (as {@link #path()} writes them): a client that
 * caches tiles by path must never be able to fetch one tile under two names.
 */
public record Tile(int level, long index, int width) {

    public static final int HEIGHT = 8;
    public static final int FULL_WIDTH = 1 << HEIGHT;
    /** Tree level {@code 8 * level} must stay below 63 for node indexes to fit a long. */
    public static final int MAX_LEVEL = 7;

    private static final Pattern LEVEL = Pattern.compile("0|[1-9][0-9]?");
    private static final Pattern GROUP = Pattern.compile("[0-9]{3}");
    private static final Pattern WIDTH = Pattern.compile("[1-9][0-9]{0,2}");

    public Tile {
        if (level < 0 || level > MAX_LEVEL) {
            throw new IllegalArgumentException("tile level must be 0 to " + MAX_LEVEL + ", not " + level);
        }
        if (index < 0 || index > (Long.MAX_VALUE >>> (HEIGHT * level)) >>> HEIGHT) {
            throw new IllegalArgumentException("tile index " + index + " is out of range at level " + level);
        }
        if (width < 1 || width > FULL_WIDTH) {
            throw new IllegalArgumentException("tile width must be 1 to " + FULL_WIDTH + ", not " + width);
        }
    }

    /**
     * The tile named by a level and an index path such as {@code 067}, {@code x001/x234/067} or
     * {@code x001/x234/067.p/12}.
     *
     * @throws IllegalArgumentException when either part is not in canonical form
     */
    public static Tile parse(String level, String indexPath) {
        if (level == null || !LEVEL.matcher(level).matches()) {
            throw new IllegalArgumentException("the tile level is a decimal number without leading zeros");
        }
        String path = indexPath == null ? "" : indexPath;
        int width = FULL_WIDTH;
        int partial = path.indexOf(".p/");
        if (partial >= 0) {
            String w = path.substring(partial + 3);
            if (!WIDTH.matcher(w).matches() || Integer.parseInt(w) >= FULL_WIDTH) {
                throw new IllegalArgumentException("a partial tile's width is 1 to 255, without leading zeros");
            }
            width = Integer.parseInt(w);
            path = path.substring(0, partial);
        }
        String[] groups = path.split("/", -1);
        if (groups.length > 7) {
            throw new IllegalArgumentException("the tile index has too many path elements");
        }
        long index = 0;
        for (int i = 0; i < groups.length; i++) {
            String group = groups[i];
            boolean last = i == groups.length - 1;
            if (!last) {
                if (!group.startsWith("x")) {
                    throw new IllegalArgumentException("every tile index element but the last starts with x");
                }
                group = group.substring(1);
            }
            if (!GROUP.matcher(group).matches()) {
                throw new IllegalArgumentException("tile index elements are three decimal digits");
            }
            if (index > (Long.MAX_VALUE - 999) / 1000) {
                throw new IllegalArgumentException("the tile index is out of range");
            }
            index = index * 1000 + Integer.parseInt(group);
        }
        int lvl = Integer.parseInt(level);
        if (lvl > MAX_LEVEL) {
            throw new IllegalArgumentException("tile level must be 0 to " + MAX_LEVEL);
        }
        Tile tile = new Tile(lvl, index, width);
        String canonical = tile.indexPath();
        if (!canonical.equals(indexPath)) {
            throw new IllegalArgumentException("the tile index is not in canonical form (" + canonical + ")");
        }
        return tile;
    }

    /** The tile's path relative to the log's prefix: {@code tile/<L>/<N>[.p/<W>]}. */
    public String path() {
        return "tile/" + level + "/" + indexPath();
    }

    private String indexPath() {
        List<String> groups = new ArrayList<>();
        long rest = index;
        do {
            groups.add(0, String.format("%03d", rest % 1000));
            rest /= 1000;
        } while (rest > 0);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < groups.size(); i++) {
            if (i > 0) {
                out.append('/');
            }
            out.append(i < groups.size() - 1 ? "x" : "").append(groups.get(i));
        }
        return width == FULL_WIDTH ? out.toString() : out + ".p/" + width;
    }

    /** The tree level of the hashes in this tile. */
    public int treeLevel() {
        return HEIGHT * level;
    }

    /** The index, at {@link #treeLevel()}, of the tile's first hash. */
    public long firstNode() {
        return index * FULL_WIDTH;
    }

    /** Whether every hash of the tile exists in a tree of {@code treeSize} leaves. */
    public boolean existsIn(long treeSize) {
        long nodes = treeSize >>> treeLevel();
        return firstNode() + width <= nodes;
    }

    /** The tile's bytes: its {@code width} hashes, 32 bytes each, left to right. */
    public byte[] read(NodeStore nodes) {
        byte[] out = new byte[width * MerkleHashes.SIZE];
        for (int i = 0; i < width; i++) {
            System.arraycopy(nodes.node(treeLevel(), firstNode() + i), 0, out, i * MerkleHashes.SIZE,
                    MerkleHashes.SIZE);
        }
        return out;
    }
}
