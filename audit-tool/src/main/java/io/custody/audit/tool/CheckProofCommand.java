package io.custody.audit.tool;

import io.custody.audit.note.Checkpoint;
import io.custody.audit.note.NoteException;
import io.custody.audit.note.NoteKey;
import io.custody.audit.note.ProofBundle;
import io.custody.audit.record.AuditRecord;
import io.custody.audit.record.AuditRecordEncoding;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "check-proof", mixinStandardHelpOptions = true,
        description = "Verify an offline proof bundle with only the bundle and the log's public key: the checkpoint's "
                + "signature, then the record's inclusion at its index. Needs no database.")
final class CheckProofCommand implements Callable<Integer> {

    @Option(names = "--bundle", required = true, description = "the .tlog-proof file")
    Path bundle;

    @Option(names = "--key", required = true, description = "the log's verifier key, <origin>+<key id>+<base64 key>")
    String verifierKey;

    @Option(names = "--origin", description = "the log's origin line (default: the key's name)")
    String origin;

    @Option(names = "--json", description = "machine-readable output")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        NoteKey key;
        try {
            key = NoteKey.parse(verifierKey);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        String text = Files.readString(bundle, StandardCharsets.UTF_8);
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> report = new LinkedHashMap<>();
        try {
            ProofBundle proof = ProofBundle.parse(text);
            Checkpoint checkpoint = proof.verify(key, origin == null ? key.name() : origin);
            AuditRecord record = AuditRecordEncoding.decode(proof.leafData());
            report.put("outcome", "VERIFIED");
            report.put("leafIndex", proof.index());
            report.put("treeSize", checkpoint.size());
            report.put("record", record.fields());
            if (json) {
                out.println(Json.write(report));
            } else {
                out.printf("VERIFIED: record %d is included in the log %s of %d records signed by %s%n",
                        proof.index(), checkpoint.origin(), checkpoint.size(), key.verifierKey());
                record.fields().forEach((name, value) -> out.printf("  %-18s %s%n", name, value));
            }
            out.flush();
            return ExitCodes.CONSISTENT;
        } catch (NoteException | IllegalArgumentException e) {
            report.put("outcome", "NOT_VERIFIED");
            report.put("reason", e.getMessage());
            out.println(json ? Json.write(report) : "NOT VERIFIED: " + e.getMessage());
            out.flush();
            return ExitCodes.DIVERGENCE;
        }
    }
}
