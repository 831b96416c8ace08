package io.custody.infra.bench;

import io.custody.infra.bench.ClosedLoop.Call;
import io.custody.infra.bench.ClosedLoop.Round;
import io.custody.infra.support.RunningApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Load driver for wallet creation through the HTTP API: a fixed number of requests kept in flight (closed loop), in
 * several measured rounds after a warm-up, printing throughput and latency percentiles per round and the median and
 * spread across rounds. Starts the all-in-one application on its embedded default in a fresh data directory unless
 * {@code --url} points at a running one.
 *
 * <pre>bench/wallet-creation.sh [--concurrency 16] [--requests 1000] [--rounds 5] [--warmup 300] [--url http://... --token TOKEN]
 *                           [--set property=value ...]</pre>
 */
public final class WalletCreationBenchmark {

    private static final String[] SIGNERS = {
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
            "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB"};

    private WalletCreationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int concurrency = ClosedLoop.intArg(args, "--concurrency", 16);
        int requests = ClosedLoop.intArg(args, "--requests", 1000);
        int rounds = ClosedLoop.intArg(args, "--rounds", 5);
        int warmup = ClosedLoop.intArg(args, "--warmup", 300);
        String url = ClosedLoop.stringArg(args, "--url", null);
        // against a running application: an access or service account token with ORG_ADMIN (README, "Sign in")
        String token = ClosedLoop.stringArg(args, "--token", System.getenv("CUSTODY_TOKEN"));

        RunningApplication app = null;
        if (url == null) {
            Path dir = Files.createTempDirectory("custody-bench");
            app = RunningApplication.start(dir, ClosedLoop.applicationArgs(args));
            url = app.baseUrl();
            token = io.custody.infra.support.TestIdentity.adminToken(url, dir);
        } else if (token == null) {
            throw new IllegalArgumentException("--url needs --token (or CUSTODY_TOKEN): an ORG_ADMIN credential");
        }
        try {
            ClosedLoop.printSummary("creations", measure(url, token, concurrency, requests, rounds, warmup));
        } finally {
            if (app != null) app.close();
        }
    }

    /** Runs the warm-up, then the measured rounds, printing each; returns the measured rounds. */
    static List<Round> measure(String url, String token, int concurrency, int requests, int rounds, int warmup) throws Exception {
        System.out.printf(Locale.ROOT, "wallet creation: POST %s/api/v1/wallets, concurrency %d, %d requests x %d "
                        + "rounds (warm-up %d), %d cores, %s%n", url, concurrency, requests, rounds, warmup,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
        String run = Long.toString(System.nanoTime(), 36);
        ClosedLoop.run("warmup-creation", url, token, creations(run + "-warmup", warmup), concurrency);
        List<Round> results = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            Round round = ClosedLoop.run("creation", url, token, creations(run + "-r" + r, requests),
                    concurrency);
            results.add(round);
            System.out.printf(Locale.ROOT, "creation round %d: %s%n", r, round.line());
        }
        return results;
    }

    private static List<Call> creations(String tag, int count) {
        List<Call> calls = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            calls.add(new Call("/api/v1/wallets", """
                    {"name":"Wallet %s %d","signers":["%s","%s","%s"],"threshold":2,
                     "chainFamily":"EVM"}""".formatted(tag, i, SIGNERS[0], SIGNERS[1], SIGNERS[2]), 201));
        }
        return calls;
    }
}
