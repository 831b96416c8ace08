package io.custody.infra.bench;

import io.custody.api.deposit.ConfirmDeposit;
import io.custody.api.deposit.DepositId;
import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.WalletId;
import io.custody.infra.bench.ClosedLoop.Call;
import io.custody.infra.bench.ClosedLoop.Round;
import io.custody.infra.support.Http;
import io.custody.infra.support.RunningApplication;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * Load driver for the withdrawal workflow through the HTTP API on the embedded default: proposals per second, then
 * approvals per second (each with a real EIP-712 signature the server verifies), with p50/p99 latency per round and
 * median and spread across rounds. Proposals are spread over many 2-of-3 wallets, since all commands of one wallet are
 * serialised on its lock. Signatures (the proposer's request signature, the approvers' decision signatures) are made
 * before each phase starts, so the figures are the server's cost, which includes verifying them.
 * Deposits are confirmed through the command gateway (there is no deposit endpoint), hence embedded mode only.
 *
 * <pre>bench/proposals-approvals.sh [--concurrency 16] [--requests 400] [--rounds 5] [--wallets 32]
 *                               [--set property=value ...]</pre>
 */
public final class ProposalApprovalBenchmark {

    /** A funded 2-of-3 EVM wallet and its signers' keys. */
    record Wallet(String id, List<ECKeyPair> keys) {
        String address(int i) {
            return "0x" + Keys.getAddress(keys.get(i).getPublicKey());
        }
    }

    /** Proposals and approvals of one round. */
    record Phases(Round proposals, Round approvals) {
    }

    private ProposalApprovalBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int concurrency = ClosedLoop.intArg(args, "--concurrency", 16);
        int requests = ClosedLoop.intArg(args, "--requests", 400);
        int rounds = ClosedLoop.intArg(args, "--rounds", 5);
        int walletCount = ClosedLoop.intArg(args, "--wallets", 32);

        Path dir = Files.createTempDirectory("custody-bench");
        try (RunningApplication app = RunningApplication.start(dir, ClosedLoop.applicationArgs(args))) {
            List<Phases> results = measure(app, walletCount, concurrency, requests, rounds);
            ClosedLoop.printSummary("proposals", results.stream().map(Phases::proposals).toList());
            ClosedLoop.printSummary("approvals", results.stream().map(Phases::approvals).toList());
        }
    }

    /** Funds the wallets, runs a warm-up round of a quarter of a round, then the measured rounds. */
    static List<Phases> measure(RunningApplication app, int walletCount, int concurrency, int requests, int rounds)
            throws Exception {
        List<Wallet> wallets = fundedWallets(app, walletCount, 0);
        System.out.printf(Locale.ROOT, "proposals and approvals: %d wallets (2-of-3 EVM), concurrency %d, %d "
                        + "proposals x %d rounds, %d cores, %s%n", walletCount, concurrency, requests, rounds,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
        round("warmup", app, wallets, concurrency, Math.max(50, requests / 4));
        List<Phases> results = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            Phases phases = round("wallets", app, wallets, concurrency, requests);
            results.add(phases);
            System.out.printf(Locale.ROOT, "round %d: proposals %s | approvals %s%n", r, phases.proposals().line(),
                    phases.approvals().line());
        }
        return results;
    }

    /**
     * One round: {@code requests} proposals spread round-robin over the wallets, then two approvals for each (the
     * second makes it READY). Each proposal is signed before the proposals are sent, each approval once its proposal
     * is readable, before the approvals are sent. {@code label} names the two batches in {@link ClosedLoop#windows()}.
     */
    static Phases round(String label, RunningApplication app, List<Wallet> wallets, int concurrency, int requests)
            throws Exception {
        return round(label, app, wallets, concurrency, requests, false);
    }

    /**
     * As {@link #round(String, RunningApplication, List, int, int)}, but with {@code reject} the two votes on each
     * proposal are rejections, which make it REJECTED (2-of-3: two rejections leave too few signers to approve): the
     * proposal ends final and its reservation is released, so the wallet's open proposals do not pile up.
     */
    static Phases round(String label, RunningApplication app, List<Wallet> wallets, int concurrency, int requests,
                        boolean reject) throws Exception {
        Http http = app.http();
        List<Call> proposals = new ArrayList<>();
        List<String> proposalPaths = new ArrayList<>();
        String expiresAt = Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.SECONDS).toString();
        for (int i = 0; i < requests; i++) {
            Wallet w = wallets.get(i % wallets.size());
            String id = UUID.randomUUID().toString();
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
        Round proposed = ClosedLoop.run(label + "-proposals", app.baseUrl(), token(app), proposals, concurrency);

        List<Call> approvals = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            Wallet w = wallets.get(i % wallets.size());
            String path = proposalPaths.get(i);
            awaitReadable(http, path);
            String typedData = http.get(path + "/signing-payload" + (reject ? "?decision=reject" : ""))
                    .json().get("eip712TypedData").toString();
            for (int signer = 0; signer < 2; signer++) {
                approvals.add(new Call(path + (reject ? "/rejections" : "/approvals"), "{\"signer\":\"" + w.address(signer)
                        + "\",\"signature\":\"" + sign(typedData, w.keys().get(signer)) + "\"}", 204));
            }
        }
        Round approved = ClosedLoop.run(label + "-approvals", app.baseUrl(), token(app), approvals, concurrency);
        return new Phases(proposed, approved);
    }

    /**
     * Waits until the read model shows {@code path} (the read model is updated asynchronously and, after a burst of
     * commands, can be minutes behind); the waiting is outside every measured batch.
     */
    static void awaitReadable(Http http, String path) throws InterruptedException {
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (http.get(path).status() != 200) {
            if (System.nanoTime() > deadline) throw new IllegalStateException(path + " not readable after 10 min");
            Thread.sleep(50);
        }
    }

    /** Creates {@code count} 2-of-3 EVM wallets through the API and credits each with a deposit of 10^9 USDC units. */
    private static String token(RunningApplication app) {
        return io.custody.infra.support.TestIdentity.adminToken(app.baseUrl(), app.dataDir());
    }

    static List<Wallet> fundedWallets(RunningApplication app, int count, int firstKey) {
        Http http = app.http();
        CommandGateway commands = app.context().getBean(CommandGateway.class);
        List<Wallet> wallets = new ArrayList<>();
        for (int i = firstKey; i < firstKey + count; i++) {
            List<ECKeyPair> keys = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                keys.add(ECKeyPair.create(BigInteger.valueOf(1_000L * i + k + 7).add(BigInteger.TWO.pow(202))));
            }
            Wallet draft = new Wallet(null, keys);
            String id = http.post("/api/v1/wallets", """
                    {"name":"Bench %d","signers":["%s","%s","%s"],"threshold":2,
                     "chainFamily":"EVM"}""".formatted(i, draft.address(0), draft.address(1), draft.address(2)))
                    .json().get("walletId").asString();
            io.custody.infra.support.TestWallets.activate(commands, WalletId.parse(id));
            commands.sendAndWait(new ConfirmDeposit(WalletId.parse(id), new DepositId("bench:" + id),
                    new TokenId("USDC"), Amount.of(1_000_000_000L)));
            wallets.add(new Wallet(id, keys));
        }
        // events are projected in order: once the last wallet is readable, so is everything before it
        try {
            awaitReadable(http, "/api/v1/wallets/" + wallets.get(wallets.size() - 1).id());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return wallets;
    }

    private static String sign(String typedData, ECKeyPair key) throws Exception {
        Sign.SignatureData data = Sign.signTypedData(typedData, key);
        return "0x" + HexFormat.of().formatHex(data.getR()) + HexFormat.of().formatHex(data.getS())
                + HexFormat.of().formatHex(data.getV());
    }
}
