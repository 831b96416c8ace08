package io.custody.query.audit;

import io.custody.audit.merkle.MerkleTree;
import io.custody.audit.note.Checkpoint;
import io.custody.audit.note.NoteKey;
import io.custody.audit.note.NoteSigner;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The log as a whole: its size, roots, proofs and signed checkpoints, read from the stored tree. Reads that combine
 * several rows run in one repeatable-read transaction, so a size and the nodes behind it come from one snapshot while
 * the projection keeps appending.
 */
public class AuditLog {

    /** A signed checkpoint as stored. */
    public record StoredCheckpoint(long treeSize, byte[] rootHash, String note) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;
    private final NoteSigner signer;
    private final MerkleTree tree;

    AuditLog(JdbcTemplate jdbc, PlatformTransactionManager transactions, NoteSigner signer) {
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.signer = signer;
        this.tree = new MerkleTree(new AuditTreeNodes(jdbc));
    }

    public String origin() {
        return signer.key().name();
    }

    /** The verifier key officers need: {@code <origin>+<key id>+<base64 key>}. */
    public NoteKey publicKey() {
        return signer.key();
    }

    <T> T inSnapshot(java.util.function.Supplier<T> read) {
        return snapshot.execute(status -> read.get());
    }

    /** The number of records, read in the caller's transaction. */
    long size() {
        return jdbc.queryForObject("SELECT coalesce(max(leaf_index) + 1, 0) FROM audit_record", Long.class);
    }

    MerkleTree tree() {
        return tree;
    }

    /**
     * Signs a checkpoint of the current tree unless the latest checkpoint already covers it; returns the checkpoint
     * written, if any. Concurrent signers of the same size write one row.
     */
    public Optional<StoredCheckpoint> checkpointNow() {
        return inSnapshot(() -> {
            long size = size();
            Long latest = jdbc.queryForObject("SELECT max(tree_size) FROM audit_checkpoint", Long.class);
            if (size == 0 || (latest != null && latest >= size)) {
                return Optional.<StoredCheckpoint>empty();
            }
            byte[] root = tree.root(size);
            String note = signer.sign(new Checkpoint(origin(), size, root).body());
            jdbc.update("""
                    INSERT INTO audit_checkpoint (tree_size, root_hash, note, key_name, key_id)
                    VALUES (?, ?, ?, ?, ?) ON CONFLICT (tree_size) DO NOTHING""",
                    size, root, note, signer.key().name(), HexFormat.of().toHexDigits(signer.key().keyId()));
            return Optional.of(new StoredCheckpoint(size, root, note));
        });
    }

    public List<StoredCheckpoint> checkpoints(long afterSize, int limit) {
        return jdbc.query("""
                SELECT tree_size, root_hash, note FROM audit_checkpoint WHERE tree_size > ?
                ORDER BY tree_size LIMIT ?""", (rs, n) -> new StoredCheckpoint(rs.getLong(1), rs.getBytes(2),
                rs.getString(3)), afterSize, limit);
    }

    public Optional<StoredCheckpoint> latestCheckpoint() {
        return jdbc.query("SELECT tree_size, root_hash, note FROM audit_checkpoint ORDER BY tree_size DESC LIMIT 1",
                (rs, n) -> new StoredCheckpoint(rs.getLong(1), rs.getBytes(2), rs.getString(3))).stream().findFirst();
    }

    public Optional<StoredCheckpoint> checkpointAt(long size) {
        return jdbc.query("SELECT tree_size, root_hash, note FROM audit_checkpoint WHERE tree_size = ?",
                (rs, n) -> new StoredCheckpoint(rs.getLong(1), rs.getBytes(2), rs.getString(3)), size).stream()
                .findFirst();
    }
}
