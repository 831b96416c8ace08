package io.custody.audit.merkle;

/**
 * The stored hashes of the tree's perfect subtrees: node {@code (level, index)} is the root of the leaves
 * {@code [index * 2^level, (index + 1) * 2^level)}, stored once all of them exist. Level 0 holds the leaf hashes.
 * Every hash the RFC's proofs need is one of these or is computed from O(log n) of them.
 */
@FunctionalInterface
public interface NodeStore {

    /** The node's hash; the caller asks only for nodes whose leaves all exist. */
    byte[] node(int level, long index);
}
