package io.custody.infra.bench;

import io.custody.infra.bench.ClosedLoop.Round;
import io.custody.infra.bench.ClosedLoop.Spread;
import io.custody.infra.bench.LongLivedWalletBenchmark.Stage;
import io.custody.infra.bench.ProposalApprovalBenchmark.Phases;
import io.custody.infra.bench.StorageFloorBenchmark.Floor;
import io.custody.infra.support.RunningApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The headline benchmarks side by side in one run, on one application and its one embedded PostgreSQL: the storage
 * floor (single-row insert transactions at 16 and 1 clients), the application stack's own floor (requests that stop
 * before any command, {@link StackFloorBenchmark}), wallet creation, proposals and approvals across many
 * wallets, and proposals and approvals on one long-lived wallet stage by stage, then the floor once more to show how
 * much the machine drifted during the run. Ends with the tables as docs/benchmarks.md shows them, each command's
 * throughput also as a fraction of the floor at the same concurrency. Prints each phase's wall-clock window and can
 * write the window of every measured batch ({@code --windows}), so that a flight recording of the run can be
 * summarised per kind of request without the driver's preparation in between ({@link JfrSummary}).
 *
 * <pre>bench/suite.sh [--concurrency 16] [--floor-seconds 15] [--creation-requests 2000] [--creation-rounds 5]
 *                 [--creation-warmup 3000] [--wallets 32] [--requests 400] [--rounds 5] [--stages 10]
 *                 [--stage-size 1000] [--stream-warmup 0] [--only floor,stack,creation,proposals,stream]
 *                 [--windows measured-windows.txt] [--set property=value ...]</pre>
 */
public final class BenchmarkSuite {

    private BenchmarkSuite() {
    }

    public static void main(String[] args) throws Exception {
        int concurrency = ClosedLoop.intArg(args, "--concurrency", 16);
        int floorSeconds = ClosedLoop.intArg(args, "--floor-seconds", 15);
        Set<String> only = Set.of(ClosedLoop.stringArg(args, "--only", "floor,stack,creation,proposals,stream")
                .split(","));

        Path dir = Files.createTempDirectory("custody-bench");
        try (RunningApplication app = RunningApplication.start(dir, ClosedLoop.applicationArgs(args))) {
            System.out.printf(Locale.ROOT, "suite: %d cores, %s, application arguments %s%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"),
                    String.join(" ", ClosedLoop.applicationArgs(args)));
            StorageFloorBenchmark.printSettings(app);
            List<Floor> floors = new ArrayList<>();
            List<Round> creations = List.of();
            List<Phases> proposals = List.of();
            List<Stage> stages = List.of();
            List<StackFloorBenchmark.Layer> layers = List.of();

            if (only.contains("floor")) {
                Instant start = Instant.now();
                floors.add(StorageFloorBenchmark.measure(app, concurrency, floorSeconds));
                floors.add(StorageFloorBenchmark.measure(app, 1, floorSeconds));
                floors.forEach(f -> System.out.println(f.line()));
                phase("floor", start);
            }
            // the stack's layers are measured with the sizes of wallet creation, so the two compare request for request
            int requests = ClosedLoop.intArg(args, "--creation-requests", 2000);
            int rounds = ClosedLoop.intArg(args, "--creation-rounds", 5);
            int warmup = ClosedLoop.intArg(args, "--creation-warmup", 3000);
            if (only.contains("stack")) {
                Instant start = Instant.now();
                layers = StackFloorBenchmark.measure(app.baseUrl(), adminToken(app), concurrency, requests, rounds,
                        warmup);
                phase("stack", start);
            }
            if (only.contains("creation")) {
                Instant start = Instant.now();
                creations = WalletCreationBenchmark.measure(app.baseUrl(), adminToken(app), concurrency, requests,
                        rounds, warmup);
                phase("creation", start);
            }
            if (only.contains("proposals")) {
                Instant start = Instant.now();
                proposals = ProposalApprovalBenchmark.measure(app, ClosedLoop.intArg(args, "--wallets", 32),
                        concurrency, ClosedLoop.intArg(args, "--requests", 400),
                        ClosedLoop.intArg(args, "--rounds", 5));
                phase("proposals", start);
            }
            if (only.contains("stream")) {
                Instant start = Instant.now();
                stages = LongLivedWalletBenchmark.measure(app, ClosedLoop.intArg(args, "--stages", 10),
                        ClosedLoop.intArg(args, "--stage-size", 1000), concurrency,
                        ClosedLoop.intArg(args, "--stream-warmup", only.contains("proposals") ? 0 : 400),
                        ClosedLoop.stringArg(args, "--votes", "approve").equals("reject"));
                phase("stream", start);
            }
            if (only.contains("floor")) {
                Instant start = Instant.now();
                Floor again = StorageFloorBenchmark.measure(app, concurrency, floorSeconds);
                System.out.println(again.line() + "   (again, at the end of the run)");
                floors.add(again);
                phase("floor-again", start);
            }
            report(concurrency, ClosedLoop.intArg(args, "--wallets", 32), floors, layers, creations, proposals,
                    stages);
            String windows = ClosedLoop.stringArg(args, "--windows", null);
            if (windows != null) {
                Files.write(Path.of(windows), ClosedLoop.windows());
                System.out.println("measured windows written to " + windows);
            }
        }
    }

    private static String adminToken(RunningApplication app) {
        return io.custody.infra.support.TestIdentity.adminToken(app.baseUrl(), app.dataDir());
    }

    private static void phase(String name, Instant start) {
        System.out.printf(Locale.ROOT, "phase %s %s %s%n", name, start, Instant.now());
    }

    private static void report(int concurrency, int wallets, List<Floor> floors,
                               List<StackFloorBenchmark.Layer> layers, List<Round> creations,
                               List<Phases> proposals, List<Stage> stages) {
        double floor = floors.isEmpty() ? Double.NaN : floors.get(0).tps();
        System.out.println();
        System.out.println("| measurement | concurrency | per second, median (min-max) | p50 ms, median (min-max) "
                + "| p99 ms, median (min-max) | fraction of the floor at " + concurrency + " |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (int i = 0; i < floors.size(); i++) {
            Floor f = floors.get(i);
            System.out.printf(Locale.ROOT, "| storage floor: 1-row INSERT transactions (%s%s) | %d | %.0f | %.2f "
                    + "| %.2f | %s |%n", f.tool(), i == 2 ? ", end of run" : "", f.clients(), f.tps(), f.p50Ms(),
                    f.p99Ms(), fraction(f.tps(), floor));
        }
        layers.forEach(layer -> row("stack: " + layer.name(), concurrency, layer.rounds(), floor));
        row("wallet creation", concurrency, creations, floor);
        row("proposals, " + wallets + " wallets", concurrency, proposals.stream().map(Phases::proposals).toList(),
                floor);
        row("approvals, " + wallets + " wallets", concurrency, proposals.stream().map(Phases::approvals).toList(),
                floor);
        if (!stages.isEmpty()) {
            System.out.println();
            System.out.println("| proposals on the wallet | proposals/s | p50 ms | p99 ms | approvals/s | p50 ms "
                    + "| p99 ms | failures |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
            for (Stage s : stages) {
                Round p = s.phases().proposals();
                Round a = s.phases().approvals();
                System.out.printf(Locale.ROOT, "| %s | %.1f | %.2f | %.2f | %.1f | %.2f | %.2f | %d |%n", s.label(),
                        p.perSecond(), p.p50Ms(), p.p99Ms(), a.perSecond(), a.p50Ms(), a.p99Ms(),
                        p.failures() + a.failures());
            }
        }
    }

    private static void row(String name, int concurrency, List<Round> rounds, double floor) {
        if (rounds.isEmpty()) return;
        Spread rate = Spread.of(rounds, Round::perSecond);
        System.out.printf(Locale.ROOT, "| %s (%d failures) | %d | %s | %s | %s | %s |%n", name,
                rounds.stream().mapToInt(Round::failures).sum(), concurrency, rate.format("%.1f"),
                Spread.of(rounds, Round::p50Ms).format("%.2f"), Spread.of(rounds, Round::p99Ms).format("%.2f"),
                fraction(rate.median(), floor));
    }

    private static String fraction(double value, double floor) {
        return Double.isNaN(floor) ? "-" : String.format(Locale.ROOT, "%.2f", value / floor);
    }
}
