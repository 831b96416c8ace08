package io.custody.audit.tool;

import io.custody.audit.merkle.MerkleTree;
import java.io.PrintWriter;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Measures {@code verify}'s per-record work on a synthetic log held in memory, through the same {@link CheckPipeline}
 * as {@code verify}: recompute each record from its stored event, compare it with the stored record, check its leaf
 * hash and append it to the tree, then take the root. The database read is not part of it (see docs/benchmarks.md).
 * Not run by the tests.
 */
@Command(name = "bench-verify", hidden = true, mixinStandardHelpOptions = true,
        description = "Benchmark verify's per-record work on a synthetic in-memory log.")
final class BenchVerifyCommand implements Callable<Integer> {

    @Option(names = "--records", defaultValue = "1000000")
    int records;

    @Option(names = "--wallets", defaultValue = "1000")
    int wallets;

    @Option(names = "--threads", description = "threads recomputing records (default: one per processor)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--runs", defaultValue = "3")
    int runs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<RecordCheck.Row> rows = SyntheticLog.rows(records, wallets, new Random());
        out.printf("synthetic log: %d records over %d wallets, %d threads%n", records, wallets, threads);
        for (int run = 1; run <= runs; run++) {
            long started = System.nanoTime();
            byte[] root;
            try (CheckPipeline pipeline = new CheckPipeline(threads, done -> { })) {
                for (RecordCheck.Row row : rows) {
                    if (pipeline.offer(row) != null) {
                        break;
                    }
                }
                Divergence divergence = pipeline.drain();
                if (divergence != null) {
                    throw new IllegalStateException("synthetic log diverges: " + divergence.describe());
                }
                root = new MerkleTree(pipeline.nodes()).root(records);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            out.printf("run %d: %.2f s, %.0f records/s (root %s)%n", run, seconds, records / seconds,
                    LogVerifier.base64(root).substring(0, 12));
            out.flush();
        }
        out.flush();
        return ExitCodes.CONSISTENT;
    }
}
