package io.custody.audit.record;

import io.custody.audit.merkle.MerkleHashes;
import java.security.MessageDigest;

/**
 * The hashes of the audit log computed with one reusable SHA-256 instance and one reusable encoding buffer, for
 * code that hashes many records in a row (the replay tool checks a million). Same results as the definitions it
 * stands for: {@link #eventHash} is {@link StoredEventHash#of}, {@link #leafHash} is
 * {@code MerkleHashes.leaf(AuditRecordEncoding.encode(record))}, {@link #node} is {@link MerkleHashes#node}.
 * Not thread-safe: one per thread.
 */
public final class AuditHasher {

    private final MessageDigest sha256 = Sha256.digest();
    private final LengthPrefixed scratch = new LengthPrefixed(AuditRecordEncoding.DOMAIN);

    public byte[] eventHash(StoredEvent event) {
        StoredEventHash.writeTo(scratch.reset(StoredEventHash.domain(event)), event).updateDigest(sha256);
        return sha256.digest();
    }

    public byte[] leafHash(AuditRecord record) {
        AuditRecordEncoding.writeTo(scratch.reset(AuditRecordEncoding.DOMAIN), record);
        return MerkleHashes.leaf(sha256, scratch::updateDigest);
    }

    public byte[] node(byte[] left, byte[] right) {
        return MerkleHashes.node(sha256, left, right);
    }
}
