package io.custody.infra.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the time of a benchmark went, from a flight recording. CPU, from the execution samples (threads running Java
 * code): by thread group, by what the samples were inside of (a sample counts for every category a frame of its stack
 * falls into, so the shares do not add up to 100 %), by the library of its first frame outside the JDK (these add
 * up), and the top frames themselves. Waiting, from the park, monitor and socket-read events of the command and
 * event-processor threads: for a connection, for an aggregate's lock, for PostgreSQL. The load driver runs in the
 * same JVM; its threads are counted apart and left out of the rest.
 * {@code --from}/{@code --to} (the window {@link BenchmarkSuite} prints per phase) restrict it to one phase, or
 * {@code --windows} (the file {@code BenchmarkSuite --windows} writes) with {@code --label} to the measured batches
 * whose label starts so ({@code creation}, {@code wallets-proposals}, {@code stream-9k-10k-}, ...).
 *
 * <pre>bench/profile-summary.sh recording.jfr [--from 2026-12-01T11:50:00Z --to 2026-12-01T11:52:00Z]
 *                           [--windows measured-windows.txt --label creation] [--top 15]</pre>
 */
public final class JfrSummary {

    /** A named predicate over one frame (class name, method name). */
    record Category(String name, Predicate<RecordedFrame> matches) {
    }

    private static final List<Category> CATEGORIES = List.of(
            category("EIP-712 / signature checks (web3j, BouncyCastle, ProposalSignatures)",
                    "org.web3j.crypto.", "org.bouncycastle.", "io.custody.command.withdrawal.signature."),
            category("EIP-55 / Keccak address checks (wallet creation)", "io.custody.api.wallet.SignerAddress",
                    "io.custody.command.wallet.SignerAddressChecksum"),
            category("JSON (Jackson: HTTP bodies, event and snapshot payloads)", "tools.jackson.",
                    "com.fasterxml.jackson."),
            new Category("Axon: aggregate load (snapshot read + replay)", f -> method(f,
                    "org.axonframework.eventsourcing.EventSourcingRepository", "doLoadWithLock")),
            new Category("Axon: snapshotting", f -> className(f).startsWith("org.axonframework.")
                    && className(f).contains("Snapshotter")),
            new Category("Axon: event append / commit of the unit of work", f -> method(f,
                    "org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine", "appendEvents")
                    || method(f, "org.axonframework.spring.messaging.unitofwork.SpringTransactionManager",
                    "commitTransaction")
                    || method(f, "org.springframework.jdbc.datasource.DataSourceTransactionManager", "doCommit")),
            category("Axon (any frame)", "org.axonframework."),
            category("JDBC driver (org.postgresql)", "org.postgresql."),
            category("Hikari pool", "com.zaxxer.hikari."),
            category("projections (io.custody.query handlers)", "io.custody.query."),
            category("deadlines (db-scheduler)", "com.github.kagkarlsson."),
            category("logging", "ch.qos.logback.", "org.slf4j."));

    /** Libraries a sample's time is charged to, by the first frame outside the JDK (first match wins). */
    private static final String[][] LIBRARIES = {
            {"tools.jackson.", "JSON (Jackson)"}, {"com.fasterxml.jackson.", "JSON (Jackson)"},
            {"org.bouncycastle.", "crypto (BouncyCastle, web3j)"}, {"org.web3j.", "crypto (BouncyCastle, web3j)"},
            {"org.axonframework.", "Axon"}, {"org.postgresql.", "JDBC driver"}, {"com.zaxxer.hikari.", "Hikari"},
            {"io.r2dbc.", "R2DBC (reads)"}, {"io.netty.", "Netty"}, {"reactor.netty.", "Netty"},
            {"reactor.", "Reactor"}, {"org.springframework.", "Spring"}, {"io.micrometer.", "Micrometer"},
            {"ch.qos.logback.", "logging"}, {"org.slf4j.", "logging"}, {"com.github.kagkarlsson.", "db-scheduler"},
            {"io.custody.query.", "custody: projections and reads"}, {"io.custody.", "custody: other code"}};

    private JfrSummary() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        String from = ClosedLoop.stringArg(args, "--from", null);
        String to = ClosedLoop.stringArg(args, "--to", null);
        int top = ClosedLoop.intArg(args, "--top", 15);
        List<Instant[]> windows = new ArrayList<>();
        String windowsFile = ClosedLoop.stringArg(args, "--windows", null);
        String label = ClosedLoop.stringArg(args, "--label", "");
        if (windowsFile != null) {
            for (String line : Files.readAllLines(Path.of(windowsFile))) {
                String[] fields = line.split(" ");
                if (fields[0].startsWith(label)) {
                    windows.add(new Instant[] {Instant.parse(fields[1]), Instant.parse(fields[2])});
                }
            }
        } else {
            windows.add(new Instant[] {from == null ? Instant.MIN : Instant.parse(from),
                    to == null ? Instant.MAX : Instant.parse(to)});
        }

        Map<String, Integer> threads = new TreeMap<>();
        Map<String, Integer> categories = new LinkedHashMap<>();
        Map<String, Integer> topFrames = new TreeMap<>();
        Map<String, Integer> topPackages = new TreeMap<>();
        Map<String, Integer> libraries = new TreeMap<>();
        Map<String, double[]> waits = new TreeMap<>();
        CATEGORIES.forEach(c -> categories.put(c.name(), 0));
        int samples = 0;
        int driverSamples = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                String type = event.getEventType().getName();
                Instant at = event.getStartTime();
                if (windows.stream().noneMatch(w -> !at.isBefore(w[0]) && !at.isAfter(w[1]))) continue;
                if (WAITS.contains(type)) {
                    recordWait(event, waits);
                    continue;
                }
                if (!type.equals("jdk.ExecutionSample")) continue;
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) continue;
                String thread = event.getThread("sampledThread") == null ? "?"
                        : event.getThread("sampledThread").getJavaName();
                threads.merge(threadGroup(thread), 1, Integer::sum);
                if (isLoadDriver(thread)) {
                    driverSamples++;
                    continue;
                }
                samples++;
                List<RecordedFrame> frames = stack.getFrames();
                for (Category c : CATEGORIES) {
                    if (frames.stream().anyMatch(c.matches())) categories.merge(c.name(), 1, Integer::sum);
                }
                libraries.merge(library(frames), 1, Integer::sum);
                RecordedFrame self = frames.get(0);
                topFrames.merge(className(self) + "." + self.getMethod().getName(), 1, Integer::sum);
                topPackages.merge(packageOf(className(self)), 1, Integer::sum);
            }
        }
        System.out.printf(Locale.ROOT, "%s: %d execution samples of the application and %d of the load driver%s%n",
                file, samples, driverSamples, windowsFile != null ? " in the " + windows.size() + " windows labelled "
                        + label + "*" : from == null ? "" : " between " + from + " and " + to);
        print("by thread group (application and driver)", threads, samples + driverSamples, top);
        System.out.println("-- below: the application's samples only");
        print("charged to the first frame outside the JDK (adds up to 100 %)", libraries, samples, top);
        print("inside (inclusive; a sample can count in several)", categories, samples, categories.size());
        System.out.println("-- waits of the command and event-processor threads (only those longer than the "
                + "recording's threshold, 10 ms with settings=profile): count, total seconds");
        waits.forEach((what, v) -> System.out.printf(Locale.ROOT, "%8d  %8.1f s  %s%n", (long) v[0], v[1], what));
        print("top packages (self)", topPackages, samples, top);
        print("top frames (self)", topFrames, samples, top);
    }

    private static void print(String title, Map<String, Integer> counts, int total, int top) {
        System.out.println("-- " + title);
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()));
        for (Map.Entry<String, Integer> e : sorted.subList(0, Math.min(top, sorted.size()))) {
            System.out.printf(Locale.ROOT, "%6.1f %%  %6d  %s%n", 100.0 * e.getValue() / Math.max(1, total),
                    e.getValue(), e.getKey());
        }
    }

    private static final Set<String> WAITS = Set.of("jdk.ThreadPark", "jdk.JavaMonitorEnter", "jdk.SocketRead");

    /** Where a command or event-processor thread waited: for a connection, an aggregate's lock, PostgreSQL, ... */
    private static void recordWait(RecordedEvent event, Map<String, double[]> waits) {
        String thread = event.getThread() == null ? "" : event.getThread().getJavaName();
        if (!thread.startsWith("commands-") && !thread.startsWith("EventProcessor")
                && !thread.startsWith("boundedElastic-")) {
            return;
        }
        List<RecordedFrame> frames = event.getStackTrace() == null ? List.of() : event.getStackTrace().getFrames();
        String what;
        if (frames.stream().anyMatch(f -> f.getMethod() != null && f.getMethod().getName().equals("getTask")
                || className(f).endsWith("DelayedWorkQueue"))) {
            what = "idle, waiting for work";
        } else if (frames.stream().anyMatch(f -> className(f).startsWith("com.zaxxer.hikari.pool.HikariPool"))) {
            what = "for a JDBC connection from the pool (Hikari)";
        } else if (frames.stream().anyMatch(f -> className(f).startsWith("org.axonframework.common.lock."))) {
            what = "for an aggregate's lock (Axon)";
        } else if (event.getEventType().getName().equals("jdk.SocketRead")
                && frames.stream().anyMatch(f -> className(f).startsWith("org.postgresql."))) {
            what = "for PostgreSQL's answer (socket read in the JDBC driver: queries and commits)";
        } else {
            what = "other (" + event.getEventType().getName() + ")";
        }
        what = threadGroup(thread) + ": " + what;
        double[] v = waits.computeIfAbsent(what, k -> new double[2]);
        v[0]++;
        v[1] += event.getDuration().toNanos() / 1e9;
    }

    private static String library(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String c = className(frame);
            if (c.startsWith("java.") || c.startsWith("javax.") || c.startsWith("jdk.") || c.startsWith("sun.")) {
                continue;
            }
            for (String[] library : LIBRARIES) {
                if (c.startsWith(library[0])) return library[1];
            }
            return "other: " + packageOf(c);
        }
        return "JDK only";
    }

    /** The benchmark's own threads: the main thread preparing requests and the JDK HTTP client's. */
    private static boolean isLoadDriver(String thread) {
        return thread.equals("main") || thread.startsWith("HttpClient-");
    }

    /** Thread names without their numbers: "commands-3" and "commands-5" are one group. */
    private static String threadGroup(String name) {
        return name.replaceAll("[0-9]+", "#");
    }

    private static Category category(String name, String... prefixes) {
        return new Category(name, f -> {
            String c = className(f);
            for (String p : prefixes) {
                if (c.startsWith(p)) return true;
            }
            return false;
        });
    }

    private static boolean method(RecordedFrame frame, String type, String method) {
        return className(frame).equals(type) && frame.getMethod().getName().equals(method);
    }

    private static String className(RecordedFrame frame) {
        return frame.getMethod() == null || frame.getMethod().getType() == null ? "?"
                : frame.getMethod().getType().getName();
    }

    private static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? className : className.substring(0, dot);
    }
}
