package io.custody.audit.tool;

import io.custody.audit.merkle.InMemoryNodeStore;
import io.custody.audit.merkle.MerkleTree;
import io.custody.audit.note.Checkpoint;
import io.custody.audit.note.NoteSigner;
import io.custody.audit.record.AuditRecord;
import io.custody.audit.record.Sha256;
import io.custody.audit.record.StoredEvent;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import picocli.CommandLine;

/**
 * {@code verify} end to end on a log of {@code --records} records (default 1,000,000) in an embedded PostgreSQL, and
 * the latency of {@code prove}. Run by hand, never by the tests (see docs/benchmarks.md for the command):
 * <ol>
 *   <li>the database is built once in {@code --dir}: the event store and audit tables from the real migrations
 *   (V1, V30), then {@link SyntheticLog}'s events, records, tree nodes and a signed checkpoint every 100,000 records
 *   and at the end, bulk-loaded with COPY (a benchmark key, derived from a fixed string, signs them);</li>
 *   <li>{@code verify --json} runs {@code --runs} times through the tool's own command line, each a new connection;</li>
 *   <li>{@code prove} runs for {@code --proofs} random records, each a new connection, then the inclusion path alone
 *   on one open connection.</li>
 * </ol>
 */
public final class VerifyDatabaseBenchmark {

    static final String ORIGIN = "custody.bench/audit";

    public static void main(String[] args) throws Exception {
        int records = intArg(args, "--records", 1_000_000);
        int runs = intArg(args, "--runs", 3);
        int proofs = intArg(args, "--proofs", 200);
        String threads = stringArg(args, "--threads", String.valueOf(Runtime.getRuntime().availableProcessors()));
        String[] connections = stringArg(args, "--connections", "2").split(",");
        // with --event-reading=cursor,copy the runs alternate between reading the events by cursor and by COPY
        String[] eventReading = stringArg(args, "--event-reading", "copy").split(",");
        // with --jar=audit-tool/target/audit-tool-exec.jar each verify run is a new JVM, as an officer runs it
        String jar = stringArg(args, "--jar", null);
        Path dir = Path.of(stringArg(args, "--dir", "/tmp/audit-verify-bench-" + records));
        Path repo = Path.of(stringArg(args, "--repo", "."));
        NoteSigner signer = new NoteSigner(ORIGIN, Sha256.of("audit verify benchmark key".getBytes(
                StandardCharsets.UTF_8)));
        Files.createDirectories(dir);
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false)
                .start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            try (Connection db = pg.getPostgresDatabase().getConnection()) {
                if (!loaded(db)) {
                    long started = System.nanoTime();
                    load(db, repo, SyntheticLog.rows(records, Math.max(1, records / 1000), new Random(13)), signer,
                            100_000);
                    System.out.printf("built the database in %.0f s%n", (System.nanoTime() - started) / 1e9);
                }
                try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                        "SELECT (SELECT count(*) FROM audit_record), (SELECT count(*) FROM DomainEventEntry), "
                                + "pg_size_pretty(pg_database_size(current_database()))")) {
                    rs.next();
                    System.out.printf("database: %d records, %d events, %s%n", rs.getLong(1), rs.getLong(2),
                            rs.getString(3));
                }
            }
            for (int run = 1; run <= runs; run++) {
                // with --connections=1,2 the runs alternate between the two ways of reading
                String reading = connections[(run - 1) % connections.length];
                String events = eventReading[(run - 1) % eventReading.length];
                long started = System.nanoTime();
                String[] verify = {"verify", "--db-url=" + url, "--db-user=postgres",
                        "--key=" + signer.key().verifierKey(), "--origin=" + ORIGIN, "--json", "--threads=" + threads,
                        "--connections=" + reading, "--event-reading=" + events};
                String out = jar == null ? tool(verify) : fork(jar, verify);
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf("verify run %d (%s connection(s), events by %s): %.2f s, %.0f records/s, load %s: "
                        + "%s%n", run, reading, events, seconds, records / seconds, load(), out.strip());
            }
            proveLatency(pg, url, records, proofs);
        }
    }

    static void proveLatency(EmbeddedPostgres pg, String url, int records, int proofs) throws Exception {
        Random random = new Random(9162);
        long[] command = new long[proofs];
        for (int i = 0; i < proofs; i++) {
            long leaf = random.nextInt(records);
            long started = System.nanoTime();
            String bundle = tool("prove", "--db-url=" + url, "--db-user=postgres", "--record=" + leaf);
            command[i] = System.nanoTime() - started;
            if (!bundle.startsWith("c2sp.org/tlog-proof")) {
                throw new IllegalStateException("prove " + leaf + ": " + bundle);
            }
        }
        long[] path = new long[proofs];
        try (Connection db = pg.getPostgresDatabase().getConnection()) {
            MerkleTree tree = new MerkleTree(new JdbcNodes(db));
            for (int i = 0; i < proofs; i++) {
                long leaf = random.nextInt(records);
                long started = System.nanoTime();
                tree.inclusionProof(leaf, records);
                path[i] = System.nanoTime() - started;
            }
        }
        System.out.println("prove, one command with its own connection: " + percentiles(command));
        System.out.println("inclusion path on an open connection:        " + percentiles(path));
    }

    static String percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return "n=%d p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, min %.2f ms, max %.2f ms".formatted(sorted.length,
                at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99), sorted[0] / 1e6, sorted[sorted.length - 1] / 1e6);
    }

    static double at(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    /** The 1-minute load average, as {@code uptime} gives it. */
    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    static String tool(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = AuditTool.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        if (code != 0) {
            throw new IllegalStateException(args[0] + " exited " + code + ": " + out + err);
        }
        return out.toString();
    }

    static String fork(String jar, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = process.waitFor();
        if (code != 0) {
            throw new IllegalStateException(args[0] + " exited " + code + ": " + out);
        }
        return out;
    }

    static boolean loaded(Connection db) throws Exception {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT count(*) FROM information_schema.tables WHERE table_name = 'audit_checkpoint'")) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    /** Creates the tables from the real migrations and stores {@code rows} with a checkpoint every {@code every}. */
    static void load(Connection db, Path repo, List<RecordCheck.Row> rows, NoteSigner signer, int every)
            throws Exception {
        int records = rows.size();
        try (Statement s = db.createStatement()) {
            s.execute(Files.readString(repo.resolve("infra/src/main/resources/db/migration/V1__axon_event_store.sql")));
            s.execute(Files.readString(repo.resolve("query-side/src/main/resources/db/migration/V30__audit_log.sql")));
        }
        CopyManager copy = db.unwrap(PGConnection.class).getCopyAPI();
        InMemoryNodeStore nodes = new InMemoryNodeStore();
        StringBuilder events = new StringBuilder();
        StringBuilder audit = new StringBuilder();
        for (RecordCheck.Row row : rows) {
            StoredEvent e = row.event();
            AuditRecord r = row.stored();
            line(events, e.globalIndex() + 1, e.aggregateIdentifier(), e.sequenceNumber(), e.aggregateType(),
                    e.eventIdentifier(), bytea(e.metaData()), bytea(e.payload()), e.payloadRevision(),
                    e.payloadType(), e.timeStamp());
            line(audit, row.index(), r.eventId(), e.globalIndex() + 1, r.aggregateType(), r.aggregateId(),
                    r.aggregateSequence(), r.eventType(), r.organisationId(), r.walletId(), r.actor(), r.targetType(),
                    r.targetId(), r.details(), r.ipAddress(), r.userAgent(), r.sessionId(), r.traceId(),
                    r.occurredAt(), Instant.parse(r.occurredAt()).toString(), r.eventHash(), bytea(row.storedLeaf()));
            nodes.append(row.storedLeaf());
            if (events.length() > 8_000_000) {
                flush(copy, events, audit);
            }
        }
        flush(copy, events, audit);
        StringBuilder tree = new StringBuilder();
        for (int level = 0; (records >>> level) > 0; level++) {
            for (long i = 0; i < (records >>> level); i++) {
                line(tree, level, i, bytea(nodes.node(level, i)));
                if (tree.length() > 8_000_000) {
                    copy.copyIn("COPY audit_tree_node (level, idx, hash) FROM STDIN", new StringReader(tree.toString()));
                    tree.setLength(0);
                }
            }
        }
        copy.copyIn("COPY audit_tree_node (level, idx, hash) FROM STDIN", new StringReader(tree.toString()));
        MerkleTree merkle = new MerkleTree(nodes);
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO audit_checkpoint (tree_size, root_hash, "
                + "note, key_name, key_id) VALUES (?, ?, ?, ?, ?)")) {
            List<Long> sizes = new ArrayList<>();
            for (long size = every; size < records; size += every) {
                sizes.add(size);
            }
            sizes.add((long) records);
            for (long size : sizes) {
                byte[] root = merkle.root(size);
                insert.setLong(1, size);
                insert.setBytes(2, root);
                insert.setString(3, signer.sign(new Checkpoint(ORIGIN, size, root).body()));
                insert.setString(4, signer.key().name());
                insert.setString(5, HexFormat.of().toHexDigits(signer.key().keyId()));
                insert.executeUpdate();
            }
        }
        try (Statement s = db.createStatement()) {
            s.execute("VACUUM ANALYZE");
        }
    }

    static void flush(CopyManager copy, StringBuilder events, StringBuilder audit) throws Exception {
        copy.copyIn("COPY DomainEventEntry (globalIndex, aggregateIdentifier, sequenceNumber, type, eventIdentifier, "
                + "metaData, payload, payloadRevision, payloadType, timeStamp) FROM STDIN",
                new StringReader(events.toString()));
        copy.copyIn("COPY audit_record (leaf_index, event_id, global_index, aggregate_type, aggregate_id, "
                + "aggregate_sequence, event_type, organisation_id, wallet_id, actor, target_type, target_id, details, "
                + "ip_address, user_agent, session_id, trace_id, occurred_at, occurred_at_ts, event_hash, leaf_hash) "
                + "FROM STDIN", new StringReader(audit.toString()));
        events.setLength(0);
        audit.setLength(0);
    }

    /** One line of COPY's text format. */
    static void line(StringBuilder out, Object... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            Object f = fields[i];
            if (f == null) {
                out.append("\\N");
            } else if (f instanceof Bytea b) {
                out.append("\\\\x").append(b.hex());
            } else {
                String text = f.toString();
                for (int c = 0; c < text.length(); c++) {
                    char ch = text.charAt(c);
                    switch (ch) {
                        case '\\' -> out.append("\\\\");
                        case '\t' -> out.append("\\t");
                        case '\n' -> out.append("\\n");
                        case '\r' -> out.append("\\r");
                        default -> out.append(ch);
                    }
                }
            }
        }
        out.append('\n');
    }

    record Bytea(String hex) {
    }

    static Bytea bytea(byte[] bytes) {
        return bytes == null ? null : new Bytea(HexFormat.of().formatHex(bytes));
    }

    static int intArg(String[] args, String name, int otherwise) {
        return Integer.parseInt(stringArg(args, name, String.valueOf(otherwise)));
    }

    static String stringArg(String[] args, String name, String otherwise) {
        for (String arg : args) {
            if (arg.startsWith(name + "=")) {
                return arg.substring(name.length() + 1);
            }
        }
        return otherwise;
    }

    private VerifyDatabaseBenchmark() {
    }
}
