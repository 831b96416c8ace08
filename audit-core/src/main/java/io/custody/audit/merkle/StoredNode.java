package io.custody.audit.merkle;

/** A perfect-subtree hash to store: see {@link NodeStore}. */
public record StoredNode(int level, long index, byte[] hash) {
}
