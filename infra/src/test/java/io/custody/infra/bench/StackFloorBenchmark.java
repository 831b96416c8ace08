package io.custody.infra.bench;

import io.custody.infra.bench.ClosedLoop.Call;
import io.custody.infra.bench.ClosedLoop.Round;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the application's own stack costs before any command: the same closed loop as the command benchmarks, at the
 * same concurrency, against three requests that stop at successive layers. A public GET answered from memory (the
 * JWKS: HTTP server, routing, security filter chain, JSON), an authenticated GET of a wallet (adds the bearer token
 * check, the session lookup in PostgreSQL and the read model's query), and an authenticated wallet creation the API
 * refuses with 400 for naming another organisation (adds reading and validating the whole JSON body, signer checksums
 * included, and the error answer; still no command and no event).
 * A command can be no faster than the layers it passes through, so these are the ceilings wallet creation, proposals
 * and approvals are measured against (docs/benchmarks.md).
 */
final class StackFloorBenchmark {

    private static final String[] SIGNERS = {
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
            "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB"};
    private static final Pattern ID = Pattern.compile("\"(?:walletId|id)\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    /** One kind of request: its rounds. */
    record Layer(String name, List<Round> rounds) {
    }

    private StackFloorBenchmark() {
    }

    static List<Layer> measure(String url, String token, int concurrency, int requests, int rounds, int warmup)
            throws Exception {
        System.out.printf(Locale.ROOT, "stack floor: concurrency %d, %d requests x %d rounds (warm-up %d) per "
                + "layer, %d cores, %s%n", concurrency, requests, rounds, warmup,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
        String wallet = createWallet(url, token);
        List<Layer> layers = new ArrayList<>();
        layers.add(layer("public GET from memory (/.well-known/jwks.json)", "stack-jwks", url, null,
                () -> Call.get("/.well-known/jwks.json", 200), concurrency, requests, rounds, warmup));
        layers.add(layer("authenticated GET of a wallet (token, session, read model)", "stack-read", url, token,
                () -> Call.get("/api/v1/wallets/" + wallet, 200), concurrency, requests, rounds, warmup));
        layers.add(layer("authenticated POST refused by validation (400, no command)", "stack-refused", url, token,
                () -> new Call("/api/v1/wallets", """
                        {"organisation":"%s","name":"Refused","signers":["%s","%s","%s"],"threshold":2,
                         "chainFamily":"EVM"}""".formatted(java.util.UUID.randomUUID(), SIGNERS[0], SIGNERS[1],
                        SIGNERS[2]), 400),
                concurrency, requests, rounds, warmup));
        return layers;
    }

    private static Layer layer(String name, String label, String url, String token, Supplier<Call> call,
                               int concurrency, int requests, int rounds, int warmup) throws InterruptedException {
        ClosedLoop.run("warmup-" + label, url, token, Collections.nCopies(warmup, call.get()), concurrency);
        List<Round> results = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            Round round = ClosedLoop.run(label, url, token, Collections.nCopies(requests, call.get()), concurrency);
            results.add(round);
            System.out.printf(Locale.ROOT, "%s round %d: %s%n", label, r, round.line());
        }
        return new Layer(name, results);
    }

    /** A wallet to read, created through the API and waited for until the read model has it. */
    private static String createWallet(String url, String token) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> created = client.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/wallets"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"name":"Stack floor","signers":["%s","%s","%s"],"threshold":2,"chainFamily":"EVM"}"""
                        .formatted(SIGNERS[0], SIGNERS[1], SIGNERS[2]))).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher id = ID.matcher(created.body());
        if (created.statusCode() != 201 || !id.find()) {
            throw new IllegalStateException("wallet creation answered " + created.statusCode() + ": " + created.body());
        }
        String wallet = id.group(1);
        HttpRequest read = HttpRequest.newBuilder(URI.create(url + "/api/v1/wallets/" + wallet))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(5)).GET().build();
        for (int attempt = 0; attempt < 200; attempt++) {
            if (client.send(read, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return wallet;
            Thread.sleep(50);
        }
        throw new IllegalStateException("wallet " + wallet + " never became readable");
    }
}
