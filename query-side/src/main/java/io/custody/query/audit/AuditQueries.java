package io.custody.query.audit;

import io.custody.api.common.Page;
import io.custody.api.error.ErrorCode;
import io.custody.api.error.RejectedException;
import io.custody.api.wallet.OrganisationId;
import io.custody.audit.merkle.MerkleHashes;
import io.custody.audit.merkle.MerkleProofs;
import io.custody.audit.merkle.Tile;
import io.custody.audit.note.ProofBundle;
import io.custody.audit.record.AuditRecord;
import io.custody.audit.record.AuditRecordEncoding;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The audit log's reads for one organisation. Every read takes the {@link OrganisationId} whose records the caller may
 * see (today from the path, once identity lands from the caller's token): another organisation's record is answered
 * as not found, and proofs carry only hashes of other records (ADR audit-002).
 */
@Component
public class AuditQueries {

    /** A record with its place in the log and its leaf hash (base64). */
    public record RecordView(long leafIndex, String leafHash, AuditRecord record) {
    }

    /** An inclusion proof of one record against a signed checkpoint. */
    public record InclusionProofView(long leafIndex, long treeSize, String leafHash, List<String> path,
                                     String rootHash, String checkpoint) {
    }

    /** A consistency proof between two tree sizes, with the checkpoints that sign them when there are some. */
    public record ConsistencyProofView(long fromSize, long toSize, String fromRoot, String toRoot, List<String> proof) {
    }

    private static final int EXPORT_BATCH = 500;

    private final JdbcTemplate jdbc;
    private final AuditLog log;

    public AuditQueries(JdbcTemplate jdbc, AuditLog log) {
        this.jdbc = jdbc;
        this.log = log;
    }

    public Page<RecordView> search(OrganisationId organisation, AuditSearch search, int page, int size) {
        List<Object> args = new ArrayList<>();
        String where = where(organisation, search, args);
        long total = jdbc.queryForObject("SELECT count(*) FROM audit_record " + where, Long.class, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(size);
        pageArgs.add((long) page * size);
        List<RecordView> items = jdbc.query("SELECT " + AuditRecords.COLUMNS + ", leaf_hash FROM audit_record " + where
                + " ORDER BY leaf_index LIMIT ? OFFSET ?", (rs, n) -> new RecordView(rs.getLong(1),
                Base64.getEncoder().encodeToString(rs.getBytes(19)), AuditRecords.record(rs)), pageArgs.toArray());
        return new Page<>(items, page, size, total);
    }

    /** The next batch of matching records after leaf index {@code after}, in log order; empty at the end. */
    public List<RecordView> exportBatch(OrganisationId organisation, AuditSearch search, long after) {
        List<Object> args = new ArrayList<>();
        String where = where(organisation, search, args) + " AND leaf_index > ?";
        args.add(after);
        args.add(EXPORT_BATCH);
        return jdbc.query("SELECT " + AuditRecords.COLUMNS + ", leaf_hash FROM audit_record " + where
                + " ORDER BY leaf_index LIMIT ?", (rs, n) -> new RecordView(rs.getLong(1),
                Base64.getEncoder().encodeToString(rs.getBytes(19)), AuditRecords.record(rs)), args.toArray());
    }

    public RecordView record(OrganisationId organisation, long leafIndex) {
        List<RecordView> found = jdbc.query("SELECT " + AuditRecords.COLUMNS + ", leaf_hash FROM audit_record "
                        + "WHERE leaf_index = ? AND organisation_id = ?", (rs, n) -> new RecordView(rs.getLong(1),
                        Base64.getEncoder().encodeToString(rs.getBytes(19)), AuditRecords.record(rs)),
                leafIndex, organisation.value());
        if (found.isEmpty()) {
            throw new RejectedException(ErrorCode.NOT_FOUND, "No audit record " + leafIndex + " of this organisation");
        }
        return found.get(0);
    }

    /**
     * The record's inclusion proof against the checkpoint of {@code treeSize}, or the latest checkpoint when it is
     * {@code null}. A record the latest checkpoint does not cover yet is answered 409 until the next checkpoint.
     */
    public InclusionProofView inclusionProof(OrganisationId organisation, long leafIndex, Long treeSize) {
        return log.inSnapshot(() -> {
            RecordView record = record(organisation, leafIndex);
            AuditLog.StoredCheckpoint checkpoint = checkpointFor(treeSize);
            if (leafIndex >= checkpoint.treeSize()) {
                throw new RejectedException(ErrorCode.CONFLICT, "Record " + leafIndex
                        + " is not covered by a signed checkpoint yet; ask again after the next checkpoint");
            }
            List<byte[]> path = log.tree().inclusionProof(leafIndex, checkpoint.treeSize());
            byte[] leafHash = Base64.getDecoder().decode(record.leafHash());
            if (!MerkleProofs.verifyInclusion(leafIndex, checkpoint.treeSize(), leafHash, path, checkpoint.rootHash())) {
                // the stored tree no longer matches the signed checkpoint: never serve a proof that cannot verify
                throw new IllegalStateException("audit tree diverges from checkpoint " + checkpoint.treeSize());
            }
            return new InclusionProofView(leafIndex, checkpoint.treeSize(), record.leafHash(), base64(path),
                    Base64.getEncoder().encodeToString(checkpoint.rootHash()), checkpoint.note());
        });
    }

    /** The C2SP tlog-proof bundle of a record: its canonical encoding, path and signed checkpoint, offline-verifiable. */
    public String proofBundle(OrganisationId organisation, long leafIndex, Long treeSize) {
        return log.inSnapshot(() -> {
            InclusionProofView proof = inclusionProof(organisation, leafIndex, treeSize);
            AuditRecord record = record(organisation, leafIndex).record();
            return new ProofBundle(AuditRecordEncoding.encode(record), leafIndex,
                    proof.path().stream().map(Base64.getDecoder()::decode).toList(), proof.checkpoint()).format();
        });
    }

    public ConsistencyProofView consistencyProof(long fromSize, long toSize) {
        return log.inSnapshot(() -> {
            long size = log.size();
            if (fromSize < 1 || fromSize > toSize || toSize > size) {
                throw RejectedException.invalid("No consistency proof between these sizes", java.util.Map.of(
                        "from", List.of("must be at least 1 and at most 'to'"),
                        "to", List.of("must be at most the log's size, " + size)));
            }
            return new ConsistencyProofView(fromSize, toSize,
                    Base64.getEncoder().encodeToString(log.tree().root(fromSize)),
                    Base64.getEncoder().encodeToString(log.tree().root(toSize)),
                    base64(log.tree().consistencyProof(fromSize, toSize)));
        });
    }

    /**
     * A C2SP tlog-tiles hash tile: its hashes, read from the stored perfect subtrees, once all of them exist. Hashes
     * only: tiles say nothing of any record's content (the leaf data stays behind the per-organisation routes).
     */
    public byte[] tile(Tile tile) {
        return log.inSnapshot(() -> {
            long size = log.size();
            if (!tile.existsIn(size)) {
                throw new RejectedException(ErrorCode.NOT_FOUND, "No tile " + tile.path() + " in the log yet");
            }
            List<byte[]> hashes = jdbc.queryForList("""
                    SELECT hash FROM audit_tree_node WHERE level = ? AND idx >= ? AND idx < ? ORDER BY idx""",
                    byte[].class, tile.treeLevel(), tile.firstNode(), tile.firstNode() + tile.width());
            if (hashes.size() != tile.width()) {
                throw new IllegalStateException("audit tree nodes of " + tile.path() + " are missing");
            }
            byte[] out = new byte[tile.width() * MerkleHashes.SIZE];
            for (int i = 0; i < hashes.size(); i++) {
                System.arraycopy(hashes.get(i), 0, out, i * MerkleHashes.SIZE, MerkleHashes.SIZE);
            }
            return out;
        });
    }

    private AuditLog.StoredCheckpoint checkpointFor(Long treeSize) {
        if (treeSize == null) {
            return log.latestCheckpoint().orElseThrow(() -> new RejectedException(ErrorCode.CONFLICT,
                    "The audit log has no signed checkpoint yet"));
        }
        return log.checkpointAt(treeSize).orElseThrow(() -> new RejectedException(ErrorCode.NOT_FOUND,
                "No signed checkpoint of tree size " + treeSize));
    }

    private static String where(OrganisationId organisation, AuditSearch search, List<Object> args) {
        StringBuilder where = new StringBuilder("WHERE organisation_id = ?");
        args.add(organisation.value());
        if (search.walletId() != null) {
            where.append(" AND wallet_id = ?");
            args.add(search.walletId());
        }
        if (search.actor() != null) {
            where.append(" AND actor = ?");
            args.add(search.actor());
        }
        if (search.eventType() != null) {
            where.append(" AND event_type = ?");
            args.add(search.eventType());
        }
        if (search.from() != null) {
            where.append(" AND occurred_at_ts >= ?");
            args.add(Timestamp.from(search.from()));
        }
        if (search.to() != null) {
            where.append(" AND occurred_at_ts < ?");
            args.add(Timestamp.from(search.to()));
        }
        return where.toString();
    }

    private static List<String> base64(List<byte[]> hashes) {
        return hashes.stream().map(Base64.getEncoder()::encodeToString).toList();
    }
}
