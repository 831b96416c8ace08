package io.custody.audit.merkle;

import io.custody.audit.record.Sha256;
import java.security.MessageDigest;
import java.util.function.Consumer;

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

    /**
     * {@code SHA-256(0x00 || data)} where {@code data} is what {@code writer} feeds to {@code digest}, a SHA-256
     * instance the caller reuses (it must be reset, as {@link MessageDigest#digest()} leaves it).
     */
    public static byte[] leaf(MessageDigest digest, Consumer<MessageDigest> writer) {
        digest.update(LEAF_PREFIX);
        writer.accept(digest);
        return digest.digest();
    }

    /** {@code SHA-256(0x01 || left || right)}. */
    public static byte[] node(byte[] left, byte[] right) {
        return node(Sha256.digest(), left, right);
    }

    /** {@code SHA-256(0x01 || left || right)} with a SHA-256 instance the caller reuses. */
    public static byte[] node(MessageDigest digest, byte[] left, byte[] right) {
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
