package io.custody.audit.tool;

import io.custody.audit.merkle.InMemoryNodeStore;
import io.custody.audit.merkle.MerkleProofs;
import io.custody.audit.merkle.MerkleTree;
import io.custody.audit.note.Checkpoint;
import io.custody.audit.note.NoteException;
import io.custody.audit.note.NoteKey;
import io.custody.audit.record.AuditRecord;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.LongConsumer;

/**
 * Rebuilds the audit log from the event store and compares it with the stored one: every record in leaf order is
 * recomputed from its event's stored bytes ({@link RecordCheck}), its leaf appended to a tree built in memory, then
 * every checkpoint is checked against that tree (signature, root at its size, consistency with the previous
 * checkpoint). Stops at the first divergence.
 */
final class LogVerifier {

    /** The outcome: the first divergence, or none, with what was checked. */
    record Result(long records, long checkpoints, Divergence divergence, byte[] root) {
        boolean consistent() {
            return divergence == null;
        }
    }

    private final Connection db;
    private final EventSource events;
    private final NoteKey key;
    private final String origin;

    LogVerifier(Connection db, NoteKey key, String origin) {
        this(db, (Connection) null, key, origin);
    }

    /**
     * Reads the events from the JDBC event store, on {@code eventsDb} (a connection in {@code db}'s snapshot) when it
     * is not {@code null}.
     */
    LogVerifier(Connection db, Connection eventsDb, NoteKey key, String origin) {
        this(db, new JdbcEventSource(db, eventsDb), key, origin);
    }

    /** Reads the audit tables on {@code db} and the events from {@code events} (which the caller closes). */
    LogVerifier(Connection db, EventSource events, NoteKey key, String origin) {
        this.db = db;
        this.events = events;
        this.key = key;
        this.origin = origin;
    }

    long recordCount() throws SQLException {
        return recordCount(db);
    }

    /** The number of records in {@code db}'s {@code audit_record}. */
    static long recordCount(Connection db) throws SQLException {
        try (PreparedStatement count = db.prepareStatement("SELECT count(*) FROM audit_record");
             ResultSet rs = count.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Checks every record and then every checkpoint. Records are recomputed on {@code threads} worker threads while
     * this thread reads the rows and takes the outcomes in leaf order ({@link CheckPipeline}).
     */
    Result verify(int threads, LongConsumer progress) throws SQLException {
        long expectedIndex = 0;
        try (CheckPipeline pipeline = new CheckPipeline(threads, progress);
             StoredRows rows = new StoredRows(db, events)) {
            RecordCheck.Row row;
            while ((row = rows.next()) != null) {
                if (row.index() != expectedIndex) {
                    // a record before the gap may diverge: that one comes first
                    Divergence earlier = pipeline.drain();
                    if (earlier != null) {
                        return new Result(pipeline.consistent(), 0, earlier, null);
                    }
                    return new Result(expectedIndex, 0, missingRecord(expectedIndex, row.index()), null);
                }
                Divergence divergence = pipeline.offer(row);
                if (divergence != null) {
                    return new Result(pipeline.consistent(), 0, divergence, null);
                }
                expectedIndex++;
            }
            Divergence divergence = pipeline.drain();
            if (divergence != null) {
                return new Result(pipeline.consistent(), 0, divergence, null);
            }
            // when the scans paired every event with exactly one record, no event lacks a record: the database need
            // not be asked (the anti-join over both tables took seconds on a million records)
            if (!rows.pairedOneToOne()) {
                Divergence unrecorded = firstUnrecordedEvent(expectedIndex);
                if (unrecorded != null) {
                    return new Result(expectedIndex, 0, unrecorded, null);
                }
                // every event has a record and every record its own event: more events than records means two
                // events share an identifier, and one of them stands in no record (records are paired by identifier)
                if (rows.eventCount() != expectedIndex) {
                    return new Result(expectedIndex, 0, sharedEventIdentifier(expectedIndex, rows.eventCount()),
                            null);
                }
            }
            return checkCheckpoints(pipeline.nodes());
        }
    }

    private Divergence sharedEventIdentifier(long leafIndex, long eventCount) throws SQLException {
        EventSource.Unrecorded shared = events.firstSharedIdentifier();
        String eventId = shared == null ? null : shared.eventId();
        String found = shared == null ? eventCount + " events for " + leafIndex + " records"
                : shared.count() + " events with this identifier";
        return new Divergence(Divergence.Kind.EVENT_NOT_RECORDED, leafIndex, eventId, "eventId",
                "one event per identifier, each with its record", found);
    }

    private Result checkCheckpoints(InMemoryNodeStore nodes) throws SQLException {
        MerkleTree tree = new MerkleTree(nodes);
        long size = nodes.size();
        long checked = 0;
        Checkpoint previous = null;
        try (PreparedStatement checkpoints = db.prepareStatement(
                "SELECT tree_size, note FROM audit_checkpoint ORDER BY tree_size");
             ResultSet rs = checkpoints.executeQuery()) {
            while (rs.next()) {
                long storedSize = rs.getLong(1);
                Checkpoint checkpoint;
                try {
                    checkpoint = Checkpoint.verify(rs.getString(2), key, origin);
                } catch (NoteException e) {
                    return new Result(size, checked, new Divergence(Divergence.Kind.CHECKPOINT_SIGNATURE, null, null,
                            "checkpoint " + storedSize, "a note signed by " + key.verifierKey() + " for " + origin,
                            e.getMessage()), null);
                }
                if (checkpoint.size() != storedSize) {
                    return new Result(size, checked, new Divergence(Divergence.Kind.CHECKPOINT_SIGNATURE, null, null,
                            "checkpoint " + storedSize, "tree size " + storedSize, "signed tree size "
                            + checkpoint.size()), null);
                }
                if (checkpoint.size() > size) {
                    return new Result(size, checked, new Divergence(Divergence.Kind.CHECKPOINT_BEYOND_LOG, null, null,
                            "checkpoint " + storedSize, "at most " + size + " records", checkpoint.size()
                            + " records"), null);
                }
                byte[] root = tree.root(checkpoint.size());
                if (!MessageDigest.isEqual(root, checkpoint.rootHash())) {
                    return new Result(size, checked, new Divergence(Divergence.Kind.CHECKPOINT_ROOT, null, null,
                            "checkpoint " + storedSize, base64(root), base64(checkpoint.rootHash())), null);
                }
                if (previous != null && previous.size() > 0 && !MerkleProofs.verifyConsistency(previous.size(),
                        checkpoint.size(), tree.consistencyProof(previous.size(), checkpoint.size()),
                        previous.rootHash(), checkpoint.rootHash())) {
                    return new Result(size, checked, new Divergence(Divergence.Kind.CHECKPOINT_INCONSISTENT, null,
                            null, "checkpoints " + previous.size() + " and " + checkpoint.size(), "consistent",
                            "not consistent"), null);
                }
                previous = checkpoint;
                checked++;
            }
        }
        return new Result(size, checked, null, tree.root(size));
    }

    private Divergence missingRecord(long expectedIndex, long foundIndex) throws SQLException {
        Divergence unrecorded = firstUnrecordedEvent(expectedIndex);
        String event = unrecorded == null ? null : unrecorded.eventId();
        return new Divergence(Divergence.Kind.RECORD_MISSING, expectedIndex, event, "leafIndex",
                "record " + expectedIndex + (event == null ? "" : " of event " + event),
                "next stored record is " + foundIndex);
    }

    private Divergence firstUnrecordedEvent(long leafIndex) throws SQLException {
        EventSource.Unrecorded unrecorded = events.firstUnrecorded(db);
        if (unrecorded == null) {
            return null;
        }
        return new Divergence(Divergence.Kind.EVENT_NOT_RECORDED, leafIndex, unrecorded.eventId(), "eventId",
                "a record of event " + unrecorded.eventId() + " (" + unrecorded.payloadType() + ")", "none");
    }

    static AuditRecord storedRecord(ResultSet rs) throws SQLException {
        return new AuditRecord(rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16),
                rs.getString(17), rs.getString(18));
    }

    static String base64(byte[] hash) {
        return hash == null ? "null" : Base64.getEncoder().encodeToString(hash);
    }

    static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }
}
