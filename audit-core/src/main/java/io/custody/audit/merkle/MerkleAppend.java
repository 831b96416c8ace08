package io.custody.audit.merkle;

import io.custody.audit.record.Sha256;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * The nodes that appending leaf {@code index} completes: the leaf itself, and each parent whose right child it
 * completes, up the tree while the completed node is a right child. On average two nodes per leaf.
 */
public final class MerkleAppend {

    private MerkleAppend() {
    }

    public static List<StoredNode> nodesFor(long index, byte[] leafHash, NodeStore existing) {
        return nodesFor(index, leafHash, existing, Sha256.digest());
    }

    /** As {@link #nodesFor(long, byte[], NodeStore)}, hashing with a SHA-256 instance the caller reuses. */
    public static List<StoredNode> nodesFor(long index, byte[] leafHash, NodeStore existing, MessageDigest sha256) {
        List<StoredNode> nodes = new ArrayList<>();
        nodes.add(new StoredNode(0, index, leafHash));
        byte[] hash = leafHash;
        long i = index;
        int level = 0;
        while ((i & 1) == 1) {
            hash = MerkleHashes.node(sha256, existing.node(level, i - 1), hash);
            i >>>= 1;
            level++;
            nodes.add(new StoredNode(level, i, hash));
        }
        return nodes;
    }
}
