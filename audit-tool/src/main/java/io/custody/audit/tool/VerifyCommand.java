package io.custody.audit.tool;

import io.custody.audit.note.NoteKey;
import java.io.PrintWriter;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Replay the event store, recompute every audit record and the Merkle tree, check every "
                + "checkpoint's signature and the consistency between consecutive checkpoints; report the first "
                + "divergence (record, expected, found) or that all is consistent.")
final class VerifyCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Mixin
    EventSourceOptions source;

    @Option(names = "--key", required = true, description = "the log's verifier key, <origin>+<key id>+<base64 key> "
            + "(GET /api/v1/audit/log)")
    String verifierKey;

    @Option(names = "--origin", description = "the log's origin line (default: the key's name)")
    String origin;

    @Option(names = "--json", description = "machine-readable output")
    boolean json;

    @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "show a progress bar on the error stream (default: on unless --json)")
    boolean progress;

    @Option(names = "--threads", description = "threads recomputing records (default: one per processor)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--connections", hidden = true, defaultValue = "2",
            description = "1: read records and events on one connection; 2 (default): events on a second one in the "
                    + "same snapshot")
    int connections;

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
        if (threads < 1 || connections < 1 || connections > 2) {
            spec.commandLine().getErr().println("error: --threads must be at least 1, --connections 1 or 2");
            return ExitCodes.USAGE;
        }
        String logOrigin = origin == null ? key.name() : origin;
        PrintWriter out = spec.commandLine().getOut();
        long started = System.nanoTime();
        LogVerifier.Result result;
        String eventsFrom;
        // two connections in one snapshot: PostgreSQL produces the records and the events in two backends; with
        // Axon Server holding the events, one connection reads the audit tables
        List<Connection> opened = database.open(source.axonServer() ? 1 : connections);
        try (Connection db = opened.get(0); Connection eventsDb = opened.size() > 1 ? opened.get(1) : null) {
            // the count fixes the audit tables' snapshot before Axon Server is asked for its last token, so every
            // record read has its event within the events read
            long records = LogVerifier.recordCount(db);
            try (EventSource events = source.open(db, eventsDb)) {
                eventsFrom = events.describe();
                LogVerifier verifier = new LogVerifier(db, events, key, logOrigin);
                Progress bar = new Progress(spec.commandLine().getErr(), progress && !json, records);
                result = verifier.verify(threads, bar::update);
                bar.finish();
            }
            if (eventsDb != null) {
                eventsDb.rollback();
            }
            db.rollback();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (json) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("outcome", result.consistent() ? "CONSISTENT" : "DIVERGENCE");
            report.put("records", result.records());
            report.put("checkpoints", result.checkpoints());
            report.put("rootHash", result.root() == null ? null : LogVerifier.base64(result.root()));
            report.put("divergence", result.consistent() ? null : result.divergence().toJson());
            report.put("eventSource", eventsFrom);
            report.put("seconds", seconds);
            out.println(Json.write(report));
        } else if (result.consistent()) {
            out.printf("CONSISTENT: %d records and %d checkpoints verified in %.1f s against %s; root %s%n",
                    result.records(), result.checkpoints(), seconds, eventsFrom, LogVerifier.base64(result.root()));
        } else {
            out.println("DIVERGENCE: " + result.divergence().describe());
        }
        out.flush();
        return result.consistent() ? ExitCodes.CONSISTENT : ExitCodes.DIVERGENCE;
    }
}
