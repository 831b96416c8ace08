package io.custody.audit.merkle;

import io.custody.audit.record.Sha256;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Perfect-subtree hashes held in memory: for the replay tool and tests. Appending is {@link MerkleAppend}'s rule.
 * Not thread-safe: one thread appends.
 */
public final class InMemoryNodeStore implements NodeStore {

    private final List<List<byte[]>> levels = new ArrayList<>();
    private final MessageDigest sha256 = Sha256.digest();
    private long size;

    /** Appends the next leaf and returns its index. */
    public long append(byte[] leafHash) {
        long index = size;
        for (StoredNode node : MerkleAppend.nodesFor(index, leafHash, this, sha256)) {
            while (levels.size() <= node.level()) {
                levels.add(new ArrayList<>());
            }
            List<byte[]> level = levels.get(node.level());
            if (level.size() != node.index()) {
                throw new IllegalStateException("node " + node.level() + "/" + node.index() + " out of order");
            }
            level.add(node.hash());
        }
        size++;
        return index;
    }

    public long size() {
        return size;
    }

    @Override
    public byte[] node(int level, long index) {
        return levels.get(level).get(Math.toIntExact(index));
    }
}
