package io.custody.audit.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * Tree heads and proofs of RFC 9162 section 2.1 over stored perfect-subtree hashes. The recursions are the RFC's
 * {@code MTH}, {@code PATH} (2.1.3.1) and {@code SUBPROOF} (2.1.4.1) with the sub-list {@code D[start:start+size]}
 * given by its offset; the left part of every split is a perfect subtree aligned to its size, so it is one stored node.
 */
public final class MerkleTree {

    private final NodeStore nodes;

    public MerkleTree(NodeStore nodes) {
        this.nodes = nodes;
    }

    /** {@code MTH(D[0:size])}. */
    public byte[] root(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative tree size");
        }
        return size == 0 ? MerkleHashes.empty() : hash(0, size);
    }

    /** {@code PATH(index, D[0:size])}, the audit path from the leaf to the root, leaf side first. */
    public List<byte[]> inclusionProof(long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of size " + size);
        }
        List<byte[]> path = new ArrayList<>();
        path(index, 0, size, path);
        return path;
    }

    /** {@code PROOF(first, D[0:second])} for {@code 0 < first <= second}; empty when they are equal. */
    public List<byte[]> consistencyProof(long first, long second) {
        if (first <= 0 || first > second) {
            throw new IllegalArgumentException("no consistency proof from size " + first + " to size " + second);
        }
        List<byte[]> proof = new ArrayList<>();
        subproof(first, 0, second, true, proof);
        return proof;
    }

    private void path(long m, long start, long n, List<byte[]> out) {
        if (n == 1) {
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m < k) {
            path(m, start, k, out);
            out.add(hash(start + k, n - k));
        } else {
            path(m - k, start + k, n - k, out);
            out.add(hash(start, k));
        }
    }

    private void subproof(long m, long start, long n, boolean complete, List<byte[]> out) {
        if (m == n) {
            if (!complete) {
                out.add(hash(start, n));
            }
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(m, start, k, complete, out);
            out.add(hash(start + k, n - k));
        } else {
            subproof(m - k, start + k, n - k, false, out);
            out.add(hash(start, k));
        }
    }

    /** {@code MTH(D[start:start+size])} for {@code size >= 1}. */
    private byte[] hash(long start, long size) {
        if (Long.bitCount(size) == 1 && start % size == 0) {
            int level = Long.numberOfTrailingZeros(size);
            return nodes.node(level, start >>> level);
        }
        long k = largestPowerOfTwoBelow(size);
        return MerkleHashes.node(hash(start, k), hash(start + k, size - k));
    }

    /** The largest power of two smaller than {@code n}, for {@code n > 1}. */
    static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }
}
