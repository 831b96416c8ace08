package io.custody.infra.bench;

import io.custody.infra.bench.ClosedLoop.Round;
import io.custody.infra.bench.ProposalApprovalBenchmark.Phases;
import io.custody.infra.bench.ProposalApprovalBenchmark.Wallet;
import io.custody.infra.support.RunningApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Proposals and votes on ONE wallet whose history keeps growing: stage after stage of proposals, each then voted on
 * by two signers, with throughput and p50/p99 per stage, so a reader sees whether the figures fall as the wallet's
 * stream grows. By default the two votes approve, so every proposal ends READY and keeps its reservation (nothing
 * executes them in a benchmark): the wallet's open reservations then grow with the stream, and so does the state every
 * proposal loads. With {@code --votes reject} each proposal ends REJECTED and releases its reservation, so only the
 * stream grows and the open state stays bounded, which is what a wallet in service (whose READY proposals execute)
 * looks like. The warm-up runs on separate wallets, so the first stage is
 * the wallet's first proposals. All of one wallet's proposals queue for the wallet's lock; approvals lock only their
 * proposal (the wallet is not touched by an approval that makes a proposal READY).
 *
 * <pre>bench/long-lived-wallet.sh [--stages 10] [--stage-size 1000] [--concurrency 16] [--warmup 400]
 *                             [--votes approve|reject] [--set property=value ...]</pre>
 */
public final class LongLivedWalletBenchmark {

    /** One stage: the wallet's proposals before it ({@code from}), and the figures of its proposals and approvals. */
    record Stage(int from, int to, Phases phases) {
        String label() {
            return count(from) + "-" + count(to);
        }

        static String count(int n) {
            return n % 1000 == 0 && n > 0 ? n / 1000 + "k" : Integer.toString(n);
        }
    }

    private LongLivedWalletBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int stages = ClosedLoop.intArg(args, "--stages", 10);
        int stageSize = ClosedLoop.intArg(args, "--stage-size", 1000);
        int concurrency = ClosedLoop.intArg(args, "--concurrency", 16);
        int warmup = ClosedLoop.intArg(args, "--warmup", 400);
        boolean reject = ClosedLoop.stringArg(args, "--votes", "approve").equals("reject");
        Path dir = Files.createTempDirectory("custody-bench");
        try (RunningApplication app = RunningApplication.start(dir, ClosedLoop.applicationArgs(args))) {
            measure(app, stages, stageSize, concurrency, warmup, reject);
        }
    }

    static List<Stage> measure(RunningApplication app, int stages, int stageSize, int concurrency, int warmup,
                               boolean reject) throws Exception {
        System.out.printf(Locale.ROOT, "long-lived wallet: 1 wallet (2-of-3 EVM), %d stages x %d proposals (+2 "
                        + "%s each), concurrency %d, warm-up %d proposals on 8 other wallets, %d cores, %s%n",
                stages, stageSize, reject ? "rejections" : "approvals", concurrency, warmup, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.version"));
        if (warmup > 0) {
            ProposalApprovalBenchmark.round("warmup", app, ProposalApprovalBenchmark.fundedWallets(app, 8, 9_000),
                    concurrency, warmup);
        }
        List<Wallet> wallet = ProposalApprovalBenchmark.fundedWallets(app, 1, 9_900);
        List<Stage> results = new ArrayList<>();
        for (int s = 0; s < stages; s++) {
            int from = s * stageSize;
            int to = from + stageSize;
            Stage stage = new Stage(from, to, ProposalApprovalBenchmark.round(
                    "stream-" + Stage.count(from) + "-" + Stage.count(to), app, wallet, concurrency, stageSize, reject));
            results.add(stage);
            System.out.printf(Locale.ROOT, "stage %-9s proposals %s | %s %s%n", stage.label(),
                    stage.phases().proposals().line(), reject ? "rejections" : "approvals",
                    stage.phases().approvals().line());
        }
        List<Round> proposals = results.stream().map(s -> s.phases().proposals()).toList();
        List<Round> approvals = results.stream().map(s -> s.phases().approvals()).toList();
        ClosedLoop.printSummary("proposals", proposals);
        ClosedLoop.printSummary(reject ? "rejections" : "approvals", approvals);
        return results;
    }
}
