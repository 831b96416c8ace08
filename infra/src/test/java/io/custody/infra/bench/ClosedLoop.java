package io.custody.infra.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load shape every HTTP benchmark here uses: a fixed number of requests kept in flight (closed loop, HTTP/1.1),
 * each request's latency from send to complete response, throughput over the whole batch. Also the small statistics
 * the benchmarks print: percentiles of one batch, median and spread across batches.
 */
final class ClosedLoop {

    /** One POST (a GET when the body is null) and the status that counts as success. */
    record Call(String path, String body, int expected) {
        static Call get(String path, int expected) {
            return new Call(path, null, expected);
        }
    }

    /** Throughput and latency of one batch of calls. */
    record Round(double perSecond, double p50Ms, double p99Ms, int failures) {
        String line() {
            return String.format(Locale.ROOT, "%8.1f/s  p50 %7.2f ms  p99 %7.2f ms  failures %d", perSecond, p50Ms,
                    p99Ms, failures);
        }
    }

    /** Median, minimum and maximum of one figure across rounds. */
    record Spread(double median, double min, double max) {
        static Spread of(double[] values) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
            return new Spread(median, sorted[0], sorted[sorted.length - 1]);
        }

        static Spread of(List<Round> rounds, java.util.function.ToDoubleFunction<Round> figure) {
            return of(rounds.stream().mapToDouble(figure).toArray());
        }

        String format(String pattern) {
            return String.format(Locale.ROOT, pattern + " (" + pattern + "-" + pattern + ")", median, min, max);
        }
    }

    /** When each batch ran, as "label start end" lines, for slicing a flight recording ({@link JfrSummary}). */
    private static final List<String> WINDOWS = Collections.synchronizedList(new ArrayList<>());

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private ClosedLoop() {
    }

    /** Sends {@code calls} with {@code token} as their bearer credential, at most {@code concurrency} at a time. */
    static Round run(String label, String baseUrl, String token, List<Call> calls, int concurrency)
            throws InterruptedException {
        Instant began = Instant.now();
        Semaphore inFlight = new Semaphore(concurrency);
        long[] latencies = new long[calls.size()];
        AtomicInteger failures = new AtomicInteger();
        List<CompletableFuture<?>> all = new ArrayList<>(calls.size());
        long start = System.nanoTime();
        for (int i = 0; i < calls.size(); i++) {
            inFlight.acquire();
            int index = i;
            Call call = calls.get(i);
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + call.path()));
            if (token != null) builder.header("Authorization", "Bearer " + token);
            HttpRequest request = call.body() == null ? builder.GET().build()
                    : builder.header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(call.body())).build();
            long sent = System.nanoTime();
            all.add(CLIENT.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> {
                        latencies[index] = System.nanoTime() - sent;
                        if (error != null || response.statusCode() != call.expected()) failures.incrementAndGet();
                        inFlight.release();
                    }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        WINDOWS.add(label + " " + began + " " + Instant.now());
        Arrays.sort(latencies);
        return new Round(calls.size() / seconds, percentile(latencies, 0.50), percentile(latencies, 0.99),
                failures.get());
    }

    private static double percentile(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    static List<String> windows() {
        synchronized (WINDOWS) {
            return List.copyOf(WINDOWS);
        }
    }

    static void printSummary(String name, List<Round> rounds) {
        System.out.printf(Locale.ROOT, "%-10s req/s %s | p50 ms %s | p99 ms %s | failures %d%n", name,
                Spread.of(rounds, Round::perSecond).format("%.1f"), Spread.of(rounds, Round::p50Ms).format("%.2f"),
                Spread.of(rounds, Round::p99Ms).format("%.2f"), rounds.stream().mapToInt(Round::failures).sum());
    }

    static int intArg(String[] args, String name, int fallback) {
        String value = stringArg(args, name, null);
        return value == null ? fallback : Integer.parseInt(value);
    }

    static String stringArg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) return args[i + 1];
        }
        return fallback;
    }

    /** Every {@code --set name=value} becomes the application argument {@code --name=value}. */
    static String[] applicationArgs(String[] args) {
        List<String> out = new ArrayList<>(List.of("--logging.level.root=WARN"));
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--set")) out.add("--" + args[i + 1]);
        }
        return out.toArray(String[]::new);
    }
}
