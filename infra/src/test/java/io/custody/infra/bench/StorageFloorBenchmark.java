package io.custody.infra.bench;

import io.custody.infra.support.RunningApplication;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The storage floor under every command: how many single-row INSERT transactions per second the application's own
 * embedded PostgreSQL commits, with the durability settings it runs with (fsync and synchronous commit on), at a given
 * number of concurrent clients. Every command that appends an event commits at least one such transaction, so no
 * command can go faster than this; the benchmarks report their throughput as a fraction of it.
 *
 * <p>Measured with {@code pgbench -n -f insert.sql} (each transaction one INSERT of a 400-byte row into a table with a
 * bigserial primary key, about the size of an event-store row), per-transaction latencies from its log. Where pgbench
 * is not installed, an equivalent loop of auto-committed JDBC inserts on as many threads, and the output says so.
 *
 * <pre>bench/storage-floor.sh [--clients 16,1] [--seconds 15]</pre>
 */
public final class StorageFloorBenchmark {

    /** Transactions per second and latency of one client count; {@code tool} is pgbench or jdbc. */
    record Floor(int clients, double tps, double p50Ms, double p99Ms, String tool) {
        String line() {
            return String.format(Locale.ROOT, "floor, %2d clients (%s): %8.1f tx/s  p50 %6.2f ms  p99 %6.2f ms",
                    clients, tool, tps, p50Ms, p99Ms);
        }
    }

    private static final String INSERT = "INSERT INTO bench_floor.event_like (payload) VALUES (repeat('x', 400))";

    private StorageFloorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = ClosedLoop.intArg(args, "--seconds", 15);
        String clients = ClosedLoop.stringArg(args, "--clients", "16,1");
        Path dir = Files.createTempDirectory("custody-bench");
        try (RunningApplication app = RunningApplication.start(dir, ClosedLoop.applicationArgs(args))) {
            printSettings(app);
            for (String c : clients.split(",")) {
                System.out.println(measure(app, Integer.parseInt(c.strip()), seconds).line());
            }
        }
    }

    /** The server's version and the settings that decide what a commit costs. */
    static void printSettings(RunningApplication app) {
        JdbcTemplate jdbc = app.jdbc();
        StringBuilder settings = new StringBuilder("PostgreSQL ").append(jdbc.queryForObject("SHOW server_version",
                String.class));
        for (String name : List.of("fsync", "synchronous_commit", "wal_sync_method", "full_page_writes",
                "commit_delay", "shared_buffers", "max_connections")) {
            settings.append(", ").append(name).append('=')
                    .append(jdbc.queryForObject("SHOW " + name, String.class));
        }
        System.out.println(settings);
    }

    static Floor measure(RunningApplication app, int clients, int seconds) throws Exception {
        // scratch tables and CHECKPOINT need more than the application's own role may do
        JdbcTemplate jdbc = app.adminJdbc();
        jdbc.execute("CREATE SCHEMA IF NOT EXISTS bench_floor");
        jdbc.execute("DROP TABLE IF EXISTS bench_floor.event_like");
        jdbc.execute("CREATE TABLE bench_floor.event_like (id bigserial PRIMARY KEY, payload text NOT NULL)");
        jdbc.execute("CHECKPOINT");
        try {
            String url = app.context().getEnvironment().getRequiredProperty("spring.datasource.url");
            URI server = URI.create(url.substring("jdbc:".length()));
            return pgbenchAvailable() ? pgbench(server, clients, seconds) : jdbcLoop(url, clients, seconds);
        } finally {
            jdbc.execute("DROP TABLE IF EXISTS bench_floor.event_like");
        }
    }

    private static boolean pgbenchAvailable() {
        try {
            return new ProcessBuilder("pgbench", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Floor pgbench(URI server, int clients, int seconds) throws Exception {
        Path work = Files.createTempDirectory("custody-floor");
        Path script = work.resolve("insert.sql");
        Files.writeString(script, INSERT + ";\n");
        List<String> command = List.of("pgbench", "-n", "-h", server.getHost(), "-p",
                Integer.toString(server.getPort()), "-U", "postgres", "-f", script.toString(), "-c",
                Integer.toString(clients), "-j", Integer.toString(Math.min(clients, 2)), "-T",
                Integer.toString(seconds), "-l", "--log-prefix=" + work.resolve("tx"), "postgres");
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("pgbench failed:\n" + output);
        }
        Matcher tps = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)").matcher(output);
        if (!tps.find()) throw new IllegalStateException("no tps in pgbench output:\n" + output);
        // log lines: client_id transaction_no latency_us script_no epoch_s epoch_us
        List<Long> micros = new ArrayList<>();
        try (Stream<Path> logs = Files.list(work)) {
            for (Path log : logs.filter(p -> p.getFileName().toString().startsWith("tx")).toList()) {
                for (String line : Files.readAllLines(log)) {
                    String[] fields = line.split(" ");
                    if (fields.length >= 3) micros.add(Long.parseLong(fields[2]));
                }
            }
        }
        long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Floor(clients, Double.parseDouble(tps.group(1)), percentile(sorted, 0.50) / 1e3,
                percentile(sorted, 0.99) / 1e3, "pgbench");
    }

    /** Fallback without pgbench: one auto-committed INSERT per transaction on {@code clients} threads. */
    private static Floor jdbcLoop(String url, int clients, int seconds) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        List<long[]> perThread = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long[] counts = new long[clients];
        for (int c = 0; c < clients; c++) {
            int index = c;
            long[] latencies = new long[2_000_000];
            perThread.add(latencies);
            threads.add(new Thread(() -> {
                try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                     PreparedStatement insert = connection.prepareStatement(INSERT)) {
                    connection.setAutoCommit(true);
                    while (!stop.get() && counts[index] < latencies.length) {
                        long start = System.nanoTime();
                        insert.executeUpdate();
                        latencies[(int) counts[index]++] = System.nanoTime() - start;
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        long start = System.nanoTime();
        threads.forEach(Thread::start);
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread t : threads) t.join();
        double elapsed = (System.nanoTime() - start) / 1e9;
        long total = Arrays.stream(counts).sum();
        long[] all = new long[(int) total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(perThread.get(c), 0, all, at, (int) counts[c]);
            at += (int) counts[c];
        }
        Arrays.sort(all);
        return new Floor(clients, total / elapsed, percentile(all, 0.50) / 1e6, percentile(all, 0.99) / 1e6,
                "JDBC loop, no pgbench");
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) return Double.NaN;
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
