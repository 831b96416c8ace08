package io.custody.infra.bench;

import io.custody.api.deposit.ConfirmDeposit;
import io.custody.api.deposit.DepositId;
import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.WalletId;
import io.custody.infra.support.Http;
import io.custody.infra.support.RunningApplication;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * Load driver for the withdrawal workflow through the HTTP API on the embedded default: proposals per second, then
 * approvals per second (each with a real EIP-712 signature the server verifies), with p50/p99 latency per round and
 * median and spread across rounds. Proposals are spread over many 2-of-3 wallets, since all commands of one wallet are
 * serialised (ADR 010). Signatures (the proposer's request signature, the approvers' decision signatures) are made
 * before each phase starts, so the figures are the server's cost, which includes verifying them.
 * Deposits are confirmed through the command gateway (there is no deposit endpoint), hence embedded mode only.
 *
 * <pre>bench/proposals-approvals.sh [--concurrency 16] [--requests 400] [--rounds 5] [--wallets 32]</pre>
 */
public final class ProposalApprovalBenchmark {

    record Round(double perSecond, double p50Ms, double p99Ms, int failures) {
    }

    record Wallet(String id, List<ECKeyPair> keys) {
        String address(int i) {
            return "0x" + Keys.getAddress(keys.get(i).getPublicKey());
        }
    }

    record Call(String path, String body, int expected) {
    }

    public static void main(String[] args) throws Exception {
        int concurrency = intArg(args, "--concurrency", 16);
        int requests = intArg(args, "--requests", 400);
        int rounds = intArg(args, "--rounds", 5);
        int walletCount = intArg(args, "--wallets", 32);

        Path dir = Files.createTempDirectory("custody-bench");
        try (RunningApplication app = RunningApplication.start(dir, "--logging.level.root=WARN")) {
            String url = app.baseUrl();
            Http http = new Http(url);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            List<Wallet> wallets = wallets(app, http, walletCount);
            System.out.printf(Locale.ROOT, "proposals and approvals: %d wallets (2-of-3 EVM), concurrency %d, %d "
                            + "proposals x %d rounds, %d cores, %s%n", walletCount, concurrency, requests, rounds,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
            round(client, http, url, wallets, concurrency, Math.max(50, requests / 4), -1); // warm-up
            List<Round[]> results = new ArrayList<>();
            for (int r = 1; r <= rounds; r++) {
                results.add(round(client, http, url, wallets, concurrency, requests, r));
            }
            summary("proposals req/s", results.stream().mapToDouble(x -> x[0].perSecond()).toArray());
            summary("proposals p50 ms", results.stream().mapToDouble(x -> x[0].p50Ms()).toArray());
            summary("proposals p99 ms", results.stream().mapToDouble(x -> x[0].p99Ms()).toArray());
            summary("approvals req/s", results.stream().mapToDouble(x -> x[1].perSecond()).toArray());
            summary("approvals p50 ms", results.stream().mapToDouble(x -> x[1].p50Ms()).toArray());
            summary("approvals p99 ms", results.stream().mapToDouble(x -> x[1].p99Ms()).toArray());
        }
    }

    private static Round[] round(HttpClient client, Http http, String url, List<Wallet> wallets, int concurrency,
                                 int requests, int number) throws Exception {
        // proposals are signed by their proposer before the phase starts (request payload served by the API)
        List<Call> proposals = new ArrayList<>();
        List<String> proposalPaths = new ArrayList<>();
        String expiresAt = java.time.Instant.now().plusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString();
        for (int i = 0; i < requests; i++) {
            Wallet w = wallets.get(i % wallets.size());
            String id = java.util.UUID.randomUUID().toString();
            String to = "0x" + "ab".repeat(20);
            proposalPaths.add("/api/v1/wallets/" + w.id() + "/proposals/" + id);
            String typedData = http.get("/api/v1/wallets/" + w.id() + "/proposals/request-payload?proposalId=" + id
                    + "&to=" + to + "&token=USDC&amount=1&expiresAt=" + expiresAt).json().get("eip712TypedData")
                    .toString();
            proposals.add(new Call("/api/v1/wallets/" + w.id() + "/proposals", """
                    {"proposalId":"%s","proposer":"%s","to":"%s","token":"USDC","amount":"1","expiresAt":"%s",
                     "signature":"%s"}""".formatted(id, w.address(0), to, expiresAt, sign(typedData, w.keys().get(0))),
                    201));
        }
        Round proposed = run(client, url, proposals, concurrency);

        List<Call> approvals = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            Wallet w = wallets.get(i % wallets.size());
            String path = proposalPaths.get(i);
            for (int tries = 0; tries < 600 && http.get(path).status() != 200; tries++) {
                Thread.sleep(50);
            }
            String typedData = http.get(path + "/signing-payload").json().get("eip712TypedData").toString();
            for (int signer = 0; signer < 2; signer++) {
                approvals.add(new Call(path + "/approvals", "{\"signer\":\"" + w.address(signer)
                        + "\",\"signature\":\"" + sign(typedData, w.keys().get(signer)) + "\"}", 204));
            }
        }
        Round approved = run(client, url, approvals, concurrency);
        if (number > 0) {
            System.out.printf(Locale.ROOT, "round %d: proposals %7.1f/s p50 %6.2f ms p99 %6.2f ms fail %d | "
                            + "approvals %7.1f/s p50 %6.2f ms p99 %6.2f ms fail %d%n", number, proposed.perSecond(),
                    proposed.p50Ms(), proposed.p99Ms(), proposed.failures(), approved.perSecond(), approved.p50Ms(),
                    approved.p99Ms(), approved.failures());
        }
        return new Round[] {proposed, approved};
    }

    private static Round run(HttpClient client, String url, List<Call> calls, int concurrency) throws Exception {
        Semaphore inFlight = new Semaphore(concurrency);
        long[] latencies = new long[calls.size()];
        AtomicInteger failures = new AtomicInteger();
        List<CompletableFuture<?>> all = new ArrayList<>(calls.size());
        long start = System.nanoTime();
        for (int i = 0; i < calls.size(); i++) {
            inFlight.acquire();
            int index = i;
            Call call = calls.get(i);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + call.path()))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(call.body()));
            long sent = System.nanoTime();
            all.add(client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> {
                        latencies[index] = System.nanoTime() - sent;
                        if (error != null || response.statusCode() != call.expected()) failures.incrementAndGet();
                        inFlight.release();
                    }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        return new Round(calls.size() / seconds, percentile(latencies, 0.50), percentile(latencies, 0.99),
                failures.get());
    }

    private static List<Wallet> wallets(RunningApplication app, Http http, int count) {
        CommandGateway commands = app.context().getBean(CommandGateway.class);
        List<Wallet> wallets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<ECKeyPair> keys = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                keys.add(ECKeyPair.create(BigInteger.valueOf(1_000L * i + k + 7).add(BigInteger.TWO.pow(202))));
            }
            Wallet draft = new Wallet(null, keys);
            String id = http.post("/api/v1/wallets", """
                    {"organisation":"bench-org","name":"Bench %d","signers":["%s","%s","%s"],"threshold":2,
                     "chainFamily":"EVM"}""".formatted(i, draft.address(0), draft.address(1), draft.address(2)))
                    .json().get("walletId").asString();
            commands.sendAndWait(new ConfirmDeposit(WalletId.parse(id), new DepositId("bench:" + i),
                    new TokenId("USDC"), Amount.of(1_000_000_000L)));
            wallets.add(new Wallet(id, keys));
        }
        return wallets;
    }

    private static String sign(String typedData, ECKeyPair key) throws Exception {
        Sign.SignatureData data = Sign.signTypedData(typedData, key);
        return "0x" + HexFormat.of().formatHex(data.getR()) + HexFormat.of().formatHex(data.getS())
                + HexFormat.of().formatHex(data.getV());
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
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) return Integer.parseInt(args[i + 1]);
        }
        return fallback;
    }
}
