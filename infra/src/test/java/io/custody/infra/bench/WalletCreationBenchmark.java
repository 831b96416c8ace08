package io.custody.infra.bench;

import io.custody.infra.support.RunningApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load driver for wallet creation through the HTTP API: a fixed number of requests kept in flight (closed loop), in
 * several measured rounds after a warm-up, printing throughput and latency percentiles per round and the median and
 * spread across rounds. Starts the all-in-one application on its embedded default in a fresh data directory unless
 * {@code --url} points at a running one.
 *
 * <pre>bench/wallet-creation.sh [--concurrency 16] [--requests 1000] [--rounds 5] [--warmup 300] [--url http://...]</pre>
 */
public final class WalletCreationBenchmark {

    private static final String[] SIGNERS = {
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
            "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB"};

    record Round(double perSecond, double p50Ms, double p99Ms, int failures) {
    }

    public static void main(String[] args) throws Exception {
        int concurrency = intArg(args, "--concurrency", 16);
        int requests = intArg(args, "--requests", 1000);
        int rounds = intArg(args, "--rounds", 5);
        int warmup = intArg(args, "--warmup", 300);
        String url = stringArg(args, "--url", null);

        RunningApplication app = null;
        if (url == null) {
            Path dir = Files.createTempDirectory("custody-bench");
            app = RunningApplication.start(dir, "--logging.level.root=WARN");
            url = app.baseUrl();
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        try {
            System.out.printf(Locale.ROOT, "wallet creation: POST %s/api/v1/wallets, concurrency %d, %d requests x %d rounds"
                    + " (warm-up %d), %d cores, %s%n", url, concurrency, requests, rounds, warmup,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
            run(client, url, concurrency, warmup, "warmup");
            List<Round> results = new ArrayList<>();
            for (int r = 1; r <= rounds; r++) {
                Round round = run(client, url, concurrency, requests, "r" + r);
                results.add(round);
                System.out.printf(Locale.ROOT, "round %d: %8.1f req/s  p50 %7.2f ms  p99 %7.2f ms  failures %d%n",
                        r, round.perSecond(), round.p50Ms(), round.p99Ms(), round.failures());
            }
            summary("throughput req/s", results.stream().mapToDouble(Round::perSecond).toArray());
            summary("p50 ms", results.stream().mapToDouble(Round::p50Ms).toArray());
            summary("p99 ms", results.stream().mapToDouble(Round::p99Ms).toArray());
        } finally {
            if (app != null) app.close();
        }
    }

    private static Round run(HttpClient client, String url, int concurrency, int requests, String tag)
            throws Exception {
        Semaphore inFlight = new Semaphore(concurrency);
        long[] latencies = new long[requests];
        AtomicInteger failures = new AtomicInteger();
        List<CompletableFuture<?>> all = new ArrayList<>(requests);
        long start = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            inFlight.acquire();
            int index = i;
            String body = """
                    {"organisation":"bench-%s","name":"Wallet %d","signers":["%s","%s","%s"],"threshold":2,"chainFamily":"EVM"}"""
                    .formatted(tag, i, SIGNERS[0], SIGNERS[1], SIGNERS[2]);
            HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/v1/wallets"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            long sent = System.nanoTime();
            all.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                latencies[index] = System.nanoTime() - sent;
                if (error != null || response.statusCode() != 201) failures.incrementAndGet();
                inFlight.release();
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        return new Round(requests / seconds, percentile(latencies, 0.50), percentile(latencies, 0.99), failures.get());
    }

    private static double percentile(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private static void summary(String name, double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        System.out.printf(Locale.ROOT, "%-18s median %8.2f   min %8.2f   max %8.2f%n", name, median, sorted[0],
                sorted[sorted.length - 1]);
    }

    private static int intArg(String[] args, String name, int fallback) {
        String value = stringArg(args, name, null);
        return value == null ? fallback : Integer.parseInt(value);
    }

    private static String stringArg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) return args[i + 1];
        }
        return fallback;
    }
}
