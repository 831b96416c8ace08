package io.custody.audit.tool;

import io.custody.audit.merkle.MerkleTree;
import io.custody.audit.note.ProofBundle;
import io.custody.audit.record.AuditRecord;
import io.custody.audit.record.AuditRecordEncoding;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "prove", mixinStandardHelpOptions = true,
        description = "Export the inclusion proof of one record as an offline bundle (C2SP tlog-proof): the record's "
                + "canonical encoding, its audit path and the signed checkpoint it is proven against.")
final class ProveCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Option(names = "--record", required = true, description = "the record's leaf index")
    long leafIndex;

    @Option(names = "--tree-size", description = "prove against the checkpoint of this size (default: the latest)")
    Long treeSize;

    @Option(names = "--out", description = "file to write (default: standard output)")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (Connection db = database.open()) {
            AuditRecord record = null;
            try (PreparedStatement query = db.prepareStatement("""
                    SELECT leaf_index, event_id, aggregate_type, aggregate_id, aggregate_sequence, event_type,
                           organisation_id, wallet_id, actor, target_type, target_id, details, ip_address, user_agent,
                           session_id, trace_id, occurred_at, event_hash FROM audit_record WHERE leaf_index = ?""")) {
                query.setLong(1, leafIndex);
                try (ResultSet rs = query.executeQuery()) {
                    if (rs.next()) {
                        record = LogVerifier.storedRecord(rs);
                    }
                }
            }
            if (record == null) {
                spec.commandLine().getErr().println("error: no record " + leafIndex);
                return ExitCodes.NOT_FOUND;
            }
            String note = null;
            long size = 0;
            try (PreparedStatement query = db.prepareStatement(treeSize == null
                    ? "SELECT tree_size, note FROM audit_checkpoint ORDER BY tree_size DESC LIMIT 1"
                    : "SELECT tree_size, note FROM audit_checkpoint WHERE tree_size = ?")) {
                if (treeSize != null) {
                    query.setLong(1, treeSize);
                }
                try (ResultSet rs = query.executeQuery()) {
                    if (rs.next()) {
                        size = rs.getLong(1);
                        note = rs.getString(2);
                    }
                }
            }
            if (note == null || leafIndex >= size) {
                spec.commandLine().getErr().println("error: no signed checkpoint covers record " + leafIndex);
                return ExitCodes.NOT_FOUND;
            }
            MerkleTree tree = new MerkleTree(new JdbcNodes(db));
            List<byte[]> path = tree.inclusionProof(leafIndex, size);
            String bundle = new ProofBundle(AuditRecordEncoding.encode(record), leafIndex, path, note).format();
            db.rollback();
            if (out == null) {
                PrintWriter writer = spec.commandLine().getOut();
                writer.print(bundle);
                writer.flush();
            } else {
                Files.writeString(out, bundle, StandardCharsets.UTF_8);
                spec.commandLine().getErr().println("wrote " + out);
            }
            return ExitCodes.CONSISTENT;
        }
    }
}
