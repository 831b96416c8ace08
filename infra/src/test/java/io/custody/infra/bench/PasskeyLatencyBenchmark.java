package io.custody.infra.bench;

import io.custody.api.deposit.ConfirmDeposit;
import io.custody.api.deposit.DepositId;
import io.custody.api.identity.Caller;
import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.DestinationAddress;
import io.custody.api.wallet.WalletId;
import io.custody.api.withdrawal.ProposalId;
import io.custody.api.withdrawal.ProposalRequestPayload;
import io.custody.infra.bench.ClosedLoop.Spread;
import io.custody.infra.identity.AccessTokens;
import io.custody.infra.identity.Sessions;
import io.custody.infra.security.BearerCheck;
import io.custody.infra.support.EmulatedPasskey;
import io.custody.infra.support.Http;
import io.custody.infra.support.RunningApplication;
import io.custody.infra.support.SignerKeys;
import io.custody.infra.support.TestIdentity;
import io.custody.infra.support.TestWallets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Latency of identity as one client sees it (issue 11, "Measure"), each figure after a warm-up, over several rounds,
 * sequential (one request at a time, so that each figure is a latency and not a queue):
 * <ol>
 *   <li>the passkey login ceremony without a username: {@code POST /api/v1/passkeys/login-options}, the emulated
 *   authenticator's signature (webauthn4j-test, a real P-256 signature), {@code POST /api/v1/passkeys/login}; end to
 *   end, and the two HTTP calls alone (the server's part, without the signing);</li>
 *   <li>a passkey-approved vote on a fresh proposal of a 2-of-3 wallet whose signers are an EVM key and two members'
 *   passkeys: {@code POST .../passkey-challenges}, the assertion, {@code POST .../passkey-approvals}; the first vote
 *   and the second (which brings the proposal to its threshold) separately;</li>
 *   <li>what the bearer token check costs: an authenticated read ({@code GET /api/v1/wallets/{id}}) and command
 *   ({@code PATCH /api/v1/wallets/{id}}, a rename) over HTTP, beside the check alone, in the same JVM, through the
 *   same class the security filter uses ({@link BearerCheck}) and its two parts (the JWT, the session lookup).</li>
 * </ol>
 * Starts the all-in-one application on its embedded default in a fresh data directory. Logins are spread round-robin
 * over {@code --members} members, because each login appends one event to its member's stream.
 *
 * <pre>bench/passkey-latency.sh [--rounds 5] [--iterations 80] [--warmup 20] [--members 8]
 *                           [--check-iterations 1000] [--set property=value ...]</pre>
 */
public final class PasskeyLatencyBenchmark {

    private static final SignerKeys.Evm PROPOSER = SignerKeys.Evm.of(4711);
    private static final String PAYEE = "0x" + "cd".repeat(20);
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private PasskeyLatencyBenchmark() {
    }

    /** Latency of one batch of one kind of call: percentiles and mean, and how many calls answered wrongly. */
    record Stats(int count, double p50Ms, double p99Ms, double meanMs, int failures) {

        static Stats of(long[] nanos, int failures) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return new Stats(sorted.length, percentile(sorted, 0.50), percentile(sorted, 0.99),
                    Arrays.stream(sorted).average().orElse(Double.NaN) / 1e6, failures);
        }

        private static double percentile(long[] sorted, double q) {
            int index = (int) Math.ceil(q * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
        }

        String line() {
            return String.format(Locale.ROOT, "p50 %8.3f ms  p99 %8.3f ms  mean %8.3f ms  n %d  failures %d", p50Ms,
                    p99Ms, meanMs, count, failures);
        }
    }

    /** The samples of one round, one array of nanoseconds per figure, and the wrong answers per figure. */
    private static final class Samples {
        final Map<String, long[]> nanos = new LinkedHashMap<>();
        final Map<String, Integer> failures = new LinkedHashMap<>();
        final int size;

        Samples(int size, String... names) {
            this.size = size;
            for (String name : names) {
                nanos.put(name, new long[size]);
                failures.put(name, 0);
            }
        }

        void put(String name, int index, long value) {
            nanos.get(name)[index] = value;
        }

        void failed(String... names) {
            for (String name : names) failures.merge(name, 1, Integer::sum);
        }

        Map<String, Stats> stats() {
            Map<String, Stats> out = new LinkedHashMap<>();
            nanos.forEach((name, values) -> out.put(name, Stats.of(values, failures.get(name))));
            return out;
        }
    }

    /** Every measured round of every figure, in the order the figures were first measured. */
    private static final Map<String, List<Stats>> RESULTS = new LinkedHashMap<>();
    /** Every measured call of every figure, all rounds together (for a p99 over more than one round's calls). */
    private static final Map<String, List<long[]>> POOLED = new LinkedHashMap<>();

    public static void main(String[] args) throws Exception {
        int rounds = ClosedLoop.intArg(args, "--rounds", 5);
        int iterations = ClosedLoop.intArg(args, "--iterations", 80);
        int warmup = ClosedLoop.intArg(args, "--warmup", 20);
        int members = ClosedLoop.intArg(args, "--members", 8);
        int checkIterations = ClosedLoop.intArg(args, "--check-iterations", 1000);

        List<String> applicationArgs = new ArrayList<>(List.of(ClosedLoop.applicationArgs(args)));
        applicationArgs.addAll(List.of(EmulatedPasskey.ARGUMENTS));
        Path dir = Files.createTempDirectory("custody-bench");
        try (RunningApplication app = RunningApplication.start(dir, applicationArgs.toArray(String[]::new))) {
            System.out.printf(Locale.ROOT, "passkey latency: %d rounds x %d iterations (warm-up %d), one client, "
                            + "sequential; token check in process %d x %d rounds; %d cores, %s; embedded Kafka broker "
                            + "%s; application arguments %s%n", rounds, iterations, warmup, checkIterations, rounds,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"),
                    app.context().getEnvironment().getProperty("custody.kafka.embedded.enabled", "true"),
                    String.join(" ", applicationArgs));
            Http admin = app.http();
            long began = System.nanoTime();
            logins(app, admin, members, rounds, iterations, warmup);
            phase("login", began);
            long approvalsBegan = System.nanoTime();
            approvals(app, admin, rounds, iterations, warmup);
            phase("approvals", approvalsBegan);
            long checksBegan = System.nanoTime();
            tokenChecks(app, admin, rounds, iterations, warmup, checkIterations);
            phase("token checks", checksBegan);
            phase("all three", began);
            report();
        }
    }

    // ---------------------------------------------------------------- login ceremony

    private static final String LOGIN = "login ceremony, end to end (client)";
    private static final String LOGIN_SERVER = "login ceremony, the two HTTP calls (server part)";
    private static final String LOGIN_OPTIONS = "  of which: POST /api/v1/passkeys/login-options";
    private static final String LOGIN_POST = "  of which: POST /api/v1/passkeys/login";
    private static final String LOGIN_SIGNING = "  of which: authenticator's signature (emulated, client side)";

    /** A member of the test organisation with a session of its own and one registered passkey. */
    record Member(String id, String token, EmulatedPasskey device, String signer) {
    }

    static Member member(Http admin, String name, String roles) {
        Http.Response invited = admin.post("/api/v1/organisation/invitations", "{\"roles\":[" + roles + "]}");
        expect(invited, 201, "invitation");
        Http.Response enrolled = admin.anonymous().post("/api/v1/enrolment", "{\"token\":\""
                + invited.json().get("enrolmentToken").asString() + "\",\"displayName\":\"" + name + "\"}");
        expect(enrolled, 201, "enrolment");
        String token = enrolled.json().get("access_token").asString();
        EmulatedPasskey device = new EmulatedPasskey();
        Http.Response registered = device.register(admin.anonymous().withToken(token), name + "'s passkey");
        expect(registered, 201, "passkey registration");
        return new Member(enrolled.json().get("member_id").asString(), token, device,
                registered.json().get("signer").asString());
    }

    static void logins(RunningApplication app, Http admin, int memberCount, int rounds, int iterations, int warmup) {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < memberCount; i++) {
            members.add(member(admin, "Login " + i, "\"VIEWER\""));
        }
        System.out.printf(Locale.ROOT, "login: usernameless, %d members with one passkey each, round-robin%n",
                memberCount);
        int[] next = {0};
        loginRound(app, members, next, warmup);
        for (int r = 1; r <= rounds; r++) {
            keep(r, loginRound(app, members, next, iterations));
        }
        long events = app.jdbc().queryForObject("SELECT count(*) FROM DomainEventEntry WHERE aggregateIdentifier = ?",
                Long.class, members.get(0).id());
        System.out.printf(Locale.ROOT, "login: a member's event stream holds %d events at the end (enrolment and passkey registration, then one per login)%n",
                events);
    }

    private static Samples loginRound(RunningApplication app, List<Member> members, int[] next, int count) {
        Samples samples = new Samples(count, LOGIN, LOGIN_SERVER, LOGIN_OPTIONS, LOGIN_POST, LOGIN_SIGNING);
        for (int i = 0; i < count; i++) {
            Member member = members.get(next[0]++ % members.size());
            long t0 = System.nanoTime();
            Answer options = send(app, "POST", "/api/v1/passkeys/login-options", null, "{}");
            long t1 = System.nanoTime();
            ObjectNode assertion = null;
            if (options.status() == 200) {
                assertion = member.device().assertion(options.json().get("publicKey").get("challenge").asString());
            }
            long t2 = System.nanoTime();
            Answer login = assertion == null ? options : send(app, "POST", "/api/v1/passkeys/login", null,
                    EmulatedPasskey.loginBody(options.json().get("ceremonyId").asString(), assertion));
            long t3 = System.nanoTime();
            samples.put(LOGIN, i, t3 - t0);
            samples.put(LOGIN_SERVER, i, (t1 - t0) + (t3 - t2));
            samples.put(LOGIN_OPTIONS, i, t1 - t0);
            samples.put(LOGIN_POST, i, t3 - t2);
            samples.put(LOGIN_SIGNING, i, t2 - t1);
            // a login counts only if it opened a session for the member whose device signed
            if (login.status() != 200 || !member.id().equals(login.json().get("member_id").asString())) {
                samples.failed(LOGIN, LOGIN_SERVER, LOGIN_POST);
                if (options.status() != 200) samples.failed(LOGIN_OPTIONS);
            }
        }
        return samples;
    }

    // ---------------------------------------------------------------- passkey approvals

    private static final String FIRST = "approval by passkey, first vote, end to end (client)";
    private static final String FIRST_SERVER = "approval by passkey, first vote, the two HTTP calls";
    private static final String SECOND = "approval by passkey, vote reaching the threshold, end to end (client)";
    private static final String SECOND_SERVER = "approval by passkey, vote reaching the threshold, the two HTTP calls";
    private static final String CHALLENGE = "  of which: POST .../passkey-challenges (both votes)";
    private static final String VOTE = "  of which: POST .../passkey-approvals (both votes)";
    private static final String ASSERTION = "  of which: authenticator's signature (emulated, both votes)";

    static void approvals(RunningApplication app, Http admin, int rounds, int iterations, int warmup) {
        Member pat = member(admin, "Pat", "\"SIGNER\",\"VIEWER\"");
        Member quinn = member(admin, "Quinn", "\"SIGNER\",\"VIEWER\"");
        String walletId = fundedWallet(app, admin, "Passkey approvals", PROPOSER.address(), pat.signer(),
                quinn.signer());
        System.out.printf(Locale.ROOT, "approvals: wallet %s, 2-of-3 (an EVM key and two members' passkeys), "
                + "each proposal fresh (proposed by the EVM key, not measured), then two passkey votes%n", walletId);
        String[] last = {null};
        approvalRound(app, admin, walletId, pat, quinn, warmup, last);
        for (int r = 1; r <= rounds; r++) {
            keep(r, approvalRound(app, admin, walletId, pat, quinn, iterations, last));
        }
        // the votes were counted: the last proposal reaches READY in the read model
        String path = "/api/v1/wallets/" + walletId + "/proposals/" + last[0];
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        String status = null;
        while (System.nanoTime() < deadline) {
            Http.Response read = admin.get(path);
            status = read.status() == 200 ? read.json().get("status").asString() : "HTTP " + read.status();
            if ("READY".equals(status)) break;
            sleep(100);
        }
        System.out.printf(Locale.ROOT, "approvals: the last proposal is %s%n", status);
        if (!"READY".equals(status)) throw new IllegalStateException("the last proposal did not reach READY: " + status);
    }

    private static Samples approvalRound(RunningApplication app, Http admin, String walletId, Member first,
                                         Member second, int count, String[] last) {
        Samples samples = new Samples(count, FIRST, FIRST_SERVER, SECOND, SECOND_SERVER, CHALLENGE, VOTE,
                ASSERTION);
        long[] challenges = new long[2 * count];
        long[] votes = new long[2 * count];
        long[] assertions = new long[2 * count];
        int challengeFailures = 0;
        int voteFailures = 0;
        Instant expiresAt = Instant.now().plusSeconds(3_600).truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < count; i++) {
            String proposalId = propose(admin, walletId, expiresAt);
            last[0] = proposalId;
            String base = "/api/v1/wallets/" + walletId + "/proposals/" + proposalId;
            for (int v = 0; v < 2; v++) {
                Member signer = v == 0 ? first : second;
                long t0 = System.nanoTime();
                Answer issued = send(app, "POST", base + "/passkey-challenges", signer.token(),
                        "{\"decision\":\"approve\"}");
                long t1 = System.nanoTime();
                ObjectNode assertion = null;
                if (issued.status() == 201) {
                    assertion = signer.device().assertion(issued.json().get("challenge").asString());
                }
                long t2 = System.nanoTime();
                Answer voted = issued;
                if (assertion != null) {
                    ObjectNode body = Http.JSON.createObjectNode();
                    body.set("credential", assertion);
                    voted = send(app, "POST", base + "/passkey-approvals", signer.token(), body.toString());
                }
                long t3 = System.nanoTime();
                samples.put(v == 0 ? FIRST : SECOND, i, t3 - t0);
                samples.put(v == 0 ? FIRST_SERVER : SECOND_SERVER, i, (t1 - t0) + (t3 - t2));
                challenges[2 * i + v] = t1 - t0;
                assertions[2 * i + v] = t2 - t1;
                votes[2 * i + v] = t3 - t2;
                if (issued.status() != 201) challengeFailures++;
                if (voted.status() != 204) {
                    voteFailures++;
                    samples.failed(v == 0 ? FIRST : SECOND, v == 0 ? FIRST_SERVER : SECOND_SERVER);
                }
            }
        }
        // the per-call figures cover both votes, so they hold twice as many samples as the votes' figures
        samples.nanos.put(CHALLENGE, challenges);
        samples.nanos.put(VOTE, votes);
        samples.nanos.put(ASSERTION, assertions);
        samples.failures.put(CHALLENGE, challengeFailures);
        samples.failures.put(VOTE, voteFailures);
        return samples;
    }

    /** Proposes 1 unit to {@link #PAYEE} as the wallet application of the EVM signer would, and returns its id. */
    private static String propose(Http admin, String walletId, Instant expiresAt) {
        String proposalId = UUID.randomUUID().toString();
        var payload = new ProposalRequestPayload(WalletId.parse(walletId), ProposalId.parse(proposalId),
                new TokenId("USDC"), Amount.of(1), new DestinationAddress(ChainFamily.EVM, PAYEE), expiresAt);
        Http.Response proposed = admin.post("/api/v1/wallets/" + walletId + "/proposals", """
                {"proposalId":"%s","proposer":"%s","to":"%s","token":"USDC","amount":"1","expiresAt":"%s",
                 "signature":"%s"}""".formatted(proposalId, PROPOSER.address(), PAYEE, expiresAt,
                PROPOSER.signTypedData(payload.eip712Json())));
        expect(proposed, 201, "proposal");
        return proposalId;
    }

    /** An active wallet with {@code signers}, threshold 2, credited with 10^12 USDC units, readable. */
    private static String fundedWallet(RunningApplication app, Http admin, String name, String... signers) {
        Http.Response created = admin.post("/api/v1/wallets", """
                {"name":"%s","signers":["%s"],"threshold":2,"chainFamily":"EVM"}"""
                .formatted(name, String.join("\",\"", signers)));
        expect(created, 201, "wallet creation");
        String walletId = created.json().get("walletId").asString();
        CommandGateway commands = app.context().getBean(CommandGateway.class);
        TestWallets.activate(commands, WalletId.parse(walletId));
        commands.sendAndWait(new ConfirmDeposit(WalletId.parse(walletId), new DepositId("bench:" + walletId),
                new TokenId("USDC"), Amount.of(1_000_000_000_000L)));
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (admin.get("/api/v1/wallets/" + walletId).status() != 200) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("wallet " + walletId + " not readable");
            sleep(50);
        }
        return walletId;
    }

    // ---------------------------------------------------------------- token checks

    private static final String READ = "read: GET /api/v1/wallets/{id}, bearer token";
    private static final String COMMAND = "command: PATCH /api/v1/wallets/{id} (rename), bearer token";
    private static final String CHECK = "token check alone, in process (BearerAuthenticationManager)";
    private static final String CHECK_JWT = "  its part: JWT parse, ES256 signature, claims (AccessTokens.verify)";
    private static final String CHECK_SESSION = "  its part: session and roles lookup (Sessions.activeRoles)";

    static void tokenChecks(RunningApplication app, Http admin, int rounds, int iterations, int warmup,
                            int checkIterations) {
        String token = TestIdentity.adminToken(app.baseUrl(), app.dataDir());
        String walletId = fundedWallet(app, admin, "Token check", PROPOSER.address(),
                SignerKeys.Evm.of(4712).address(), SignerKeys.Evm.of(4713).address());
        BearerCheck check = new BearerCheck(app.context().getBean(AccessTokens.class),
                app.context().getBean(Sessions.class));
        AccessTokens tokens = app.context().getBean(AccessTokens.class);
        Sessions sessions = app.context().getBean(Sessions.class);
        Caller caller = check.check(token, "127.0.0.1", "bench");
        System.out.printf(Locale.ROOT, "token checks: the administrator's session token (a member: JWT and a "
                + "session lookup), caller %s with roles %s; wallet %s%n", caller.subject(), caller.roles(), walletId);

        httpRound(app, token, walletId, 0, warmup);
        checkRound(check, tokens, sessions, token, checkIterations);
        for (int r = 1; r <= rounds; r++) {
            keep(r, httpRound(app, token, walletId, r, iterations));
            keep(r, checkRound(check, tokens, sessions, token, checkIterations));
        }
    }

    private static Samples httpRound(RunningApplication app, String token, String walletId, int round, int count) {
        Samples samples = new Samples(count, READ, COMMAND);
        String path = "/api/v1/wallets/" + walletId;
        for (int i = 0; i < count; i++) {
            long t0 = System.nanoTime();
            Answer read = send(app, "GET", path, token, null);
            samples.put(READ, i, System.nanoTime() - t0);
            if (read.status() != 200 || !walletId.equals(read.json().get("walletId").asString())) samples.failed(READ);
        }
        for (int i = 0; i < count; i++) {
            long t0 = System.nanoTime();
            Answer renamed = send(app, "PATCH", path, token, "{\"name\":\"Token check " + round + "-" + i + "\"}");
            samples.put(COMMAND, i, System.nanoTime() - t0);
            if (renamed.status() != 204) samples.failed(COMMAND);
        }
        return samples;
    }

    private static Samples checkRound(BearerCheck check, AccessTokens tokens, Sessions sessions, String token,
                                      int count) {
        Samples samples = new Samples(count, CHECK, CHECK_JWT, CHECK_SESSION);
        for (int i = 0; i < count; i++) {
            long t0 = System.nanoTime();
            Caller caller = check.check(token, "127.0.0.1", "bench");
            samples.put(CHECK, i, System.nanoTime() - t0);
            if (caller.roles().isEmpty()) samples.failed(CHECK);
        }
        AccessTokens.Claims claims = null;
        for (int i = 0; i < count; i++) {
            long t0 = System.nanoTime();
            claims = tokens.verify(token).orElse(null);
            samples.put(CHECK_JWT, i, System.nanoTime() - t0);
            if (claims == null) samples.failed(CHECK_JWT);
        }
        if (claims == null) throw new IllegalStateException("the administrator's token does not verify");
        UUID session = UUID.fromString(claims.session());
        for (int i = 0; i < count; i++) {
            long t0 = System.nanoTime();
            boolean active = sessions.activeRoles(session, claims.member(), claims.organisation()).isPresent();
            samples.put(CHECK_SESSION, i, System.nanoTime() - t0);
            if (!active) samples.failed(CHECK_SESSION);
        }
        return samples;
    }

    // ---------------------------------------------------------------- output

    private static void phase(String name, long began) {
        System.out.printf(Locale.ROOT, "phase %s: %.1f s%n", name, (System.nanoTime() - began) / 1e9);
    }

    private static void keep(int round, Samples samples) {
        samples.nanos.forEach((name, values) -> POOLED.computeIfAbsent(name, n -> new ArrayList<>()).add(values));
        samples.stats().forEach((name, stats) -> {
            RESULTS.computeIfAbsent(name, n -> new ArrayList<>()).add(stats);
            System.out.printf(Locale.ROOT, "round %d  %-80s %s%n", round, name, stats.line());
        });
    }

    private static void report() {
        System.out.println();
        System.out.println("| measurement | calls per round | p50 ms, median (min-max) | p99 ms, median (min-max) "
                + "| p99 ms, all rounds pooled | mean ms, median (min-max) | failures |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        RESULTS.forEach((name, rounds) -> System.out.printf(Locale.ROOT, "| %s | %d | %s | %s | %.2f | %s | %d |%n",
                name.strip(), rounds.get(0).count(),
                spread(rounds, Stats::p50Ms).format("%.2f"), spread(rounds, Stats::p99Ms).format("%.2f"),
                Stats.of(POOLED.get(name).stream().flatMapToLong(Arrays::stream).toArray(), 0).p99Ms(),
                spread(rounds, Stats::meanMs).format("%.2f"), rounds.stream().mapToInt(Stats::failures).sum()));
        double check = median(CHECK);
        double read = median(READ);
        double command = median(COMMAND);
        System.out.println();
        System.out.printf(Locale.ROOT, "token check: %.3f ms per call (median of the rounds' p50), %.1f %% of the "
                        + "read's p50 (%.2f ms) and %.1f %% of the command's p50 (%.2f ms)%n", check,
                100 * check / read, read, 100 * check / command, command);
        int failures = RESULTS.values().stream().flatMap(List::stream).mapToInt(Stats::failures).sum();
        if (failures > 0) System.out.printf(Locale.ROOT, "WARNING: %d calls answered wrongly (see above)%n", failures);
    }

    private static Spread spread(List<Stats> rounds, java.util.function.ToDoubleFunction<Stats> figure) {
        return Spread.of(rounds.stream().mapToDouble(figure).toArray());
    }

    private static double median(String name) {
        return spread(RESULTS.get(name), Stats::p50Ms).median();
    }

    // ---------------------------------------------------------------- HTTP

    /** A response as far as the benchmark looks at it. */
    record Answer(int status, String body) {
        JsonNode json() {
            return Http.JSON.readTree(body);
        }
    }

    /** One request on the benchmark's own HTTP/1.1 client (the shape {@link ClosedLoop} measures with). */
    private static Answer send(RunningApplication app, String method, String path, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) request.header("Content-Type", "application/json");
        if (token != null) request.header("Authorization", "Bearer " + token);
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void expect(Http.Response response, int status, String what) {
        if (response.status() != status) {
            throw new IllegalStateException(what + " answered " + response.status() + ": " + response.body());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
