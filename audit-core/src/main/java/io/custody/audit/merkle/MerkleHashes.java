package io.custody.audit.merkle;

import io.custody.audit.record.Sha256;
import java.security.MessageDigest;

/** The hashes of RFC 9162 section 2.1.1: leaves and interior nodes are hashed with different prefixes. */
public final class MerkleHashes {

    public static final int SIZE = 32;
    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;

    private MerkleHashes() {
    }

    /** {@code SHA-256(0x00 || data)}. */
    public static byte[] leaf(byte[] data) {
        MessageDigest digest = Sha256.digest();
        digest.update(LEAF_PREFIX);
        digest.update(data);
        return digest.digest();
    }

    /** {@code SHA-256(0x01 || left || right)}. */
    public static byte[] node(byte[] left, byte[] right) {
        MessageDigest digest = Sha256.digest();
        digest.update(NODE_PREFIX);
        digest.update(left);
        digest.update(right);
        return digest.digest();
    }

    /** The hash of the empty tree, {@code SHA-256()}. */
    public static byte[] empty() {
        return Sha256.digest().digest();
    }
}
