package io.custody.audit.merkle;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Verification of inclusion (RFC 9162 2.1.3.2) and consistency (2.1.4.2) proofs, step by step as the RFC writes
 * them. Each returns {@code false} for any proof that does not verify, including malformed ones.
 */
public final class MerkleProofs {

    private MerkleProofs() {
    }

    public static boolean verifyInclusion(long leafIndex, long treeSize, byte[] leafHash, List<byte[]> path,
                                          byte[] rootHash) {
        if (leafIndex < 0 || leafIndex >= treeSize || !wellFormed(path) || !isHash(leafHash) || !isHash(rootHash)) {
            return false;
        }
        long fn = leafIndex;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleHashes.node(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>>= 1;
                        sn >>>= 1;
                    }
                }
            } else {
                r = MerkleHashes.node(r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, rootHash);
    }

    /**
     * Whether {@code proof} shows that the tree of {@code secondSize} with root {@code secondHash} extends the tree of
     * {@code firstSize} with root {@code firstHash}. Equal sizes need an empty proof and equal roots; from the empty
     * tree only the empty proof and the empty tree's hash are accepted.
     */
    public static boolean verifyConsistency(long firstSize, long secondSize, List<byte[]> proof, byte[] firstHash,
                                            byte[] secondHash) {
        if (firstSize < 0 || firstSize > secondSize || !wellFormed(proof) || !isHash(firstHash)
                || !isHash(secondHash)) {
            return false;
        }
        if (firstSize == 0) {
            return proof.isEmpty() && MessageDigest.isEqual(firstHash, MerkleHashes.empty());
        }
        if (firstSize == secondSize) {
            return proof.isEmpty() && MessageDigest.isEqual(firstHash, secondHash);
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<byte[]> c = new ArrayList<>(proof);
        if (Long.bitCount(firstSize) == 1) {
            c.add(0, firstHash);
        }
        long fn = firstSize - 1;
        long sn = secondSize - 1;
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        byte[] fr = c.get(0);
        byte[] sr = c.get(0);
        for (byte[] p : c.subList(1, c.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = MerkleHashes.node(p, fr);
                sr = MerkleHashes.node(p, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>>= 1;
                        sn >>>= 1;
                    }
                }
            } else {
                sr = MerkleHashes.node(sr, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        return MessageDigest.isEqual(fr, firstHash) && MessageDigest.isEqual(sr, secondHash) && sn == 0;
    }

    private static boolean wellFormed(List<byte[]> hashes) {
        return hashes != null && hashes.stream().allMatch(MerkleProofs::isHash);
    }

    private static boolean isHash(byte[] hash) {
        return hash != null && hash.length == MerkleHashes.SIZE;
    }
}
