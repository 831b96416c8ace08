package io.custody.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custody.infra.support.Http;
import io.custody.infra.support.RunningApplication;
import io.custody.infra.support.SignerKeys;
import io.custody.saga.withdrawal.WithdrawalExecutor;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;

/**
 * A measurement, not a test (its name keeps it out of the test run; run it with
 * {@code -Dtest=WithdrawalLatencyMeasurement}): on the all-in-one default with the local Hardhat node, how long a
 * fresh installation takes from "create" to ACTIVE (one threshold ECDSA key generation, fixture primes standing in
 * for a filled pool), the time from {@code ProposalReady} (zero delay) to {@code WithdrawalCompleted} for
 * sequential ETH withdrawals, from the events' own timestamps, split into its steps, and how many withdrawals per
 * minute complete when a batch is approved at once. Prints the figures; asserts only that the withdrawals completed.
 *
 * <p>The steps of one withdrawal (they run one at a time, so the executor's hooks can be read as "this one"):
 * <ol>
 * <li>saga: {@code ProposalReady} to {@code WithdrawalExecutionStarted} (the deadline, two tracking-processor hops and
 * the re-check of status, balance and limits);</li>
 * <li>build: to the journal row (the executor picks the run up, asks the node for fees, gas estimate and nonce);</li>
 * <li>sign: to the signed bytes being journaled (the threshold ECDSA signature on the MPC nodes);</li>
 * <li>send: to the node knowing the transaction;</li>
 * <li>confirm: to {@code WithdrawalCompleted} (receipt at depth, the {@code CompleteWithdrawal} command).</li>
 * </ol>
 */
class WithdrawalLatencyMeasurement {

    private static final SignerKeys.Evm ALICE = SignerKeys.Evm.of(31);
    private static final SignerKeys.Evm BOB = SignerKeys.Evm.of(32);
    private static final int WITHDRAWALS = Integer.getInteger("withdrawals", 10);
    private static final int BATCH = Integer.getInteger("batch", 20);
    private static final String[] STEPS = {"saga", "build", "sign", "send", "confirm"};

    @TempDir
    Path dataDir;

    @Test
    void measure() throws Exception {
        FixturePrimePools.stock(dataDir.resolve("mpc"), 2);
        try (RunningApplication app = RunningApplication.start(dataDir, FixturePrimePools.APPLICATION_ARGS[0],
                FixturePrimePools.APPLICATION_ARGS[1], "--custody.provisioning.enabled=true",
                "--custody.execution.enabled=true", "--custody.chain.local-node.enabled=true")) {
            Http http = app.http();
            Instant created = Instant.now();
            String walletId = http.post("/api/v1/wallets", """
                    {"name":"Latency","signers":["%s","%s"],"threshold":2,
                     "chainFamily":"EVM"}""".formatted(ALICE.address(), BOB.address())).json().get("walletId").asString();
            String location = "/api/v1/wallets/" + walletId;
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> "ACTIVE".equals(http.get(location).json().get("status").asString()));
            Duration provisioning = Duration.between(created, Instant.now());
            String address = http.get(location).json().get("address").asString();
            http.post("/dev/fund", "{\"address\":\"%s\",\"wei\":\"%s\"}".formatted(address, BigInteger.TEN.pow(19)));
            await().atMost(Duration.ofMinutes(2)).until(() -> http.get(location + "/balances").json()
                    .get("balances").size() == 1);

            WithdrawalExecutor executor = app.context().getBean(WithdrawalExecutor.class);
            AtomicLong signedAt = new AtomicLong();
            AtomicLong sentAt = new AtomicLong();
            executor.beforeBroadcast(() -> signedAt.set(System.currentTimeMillis()));
            executor.afterBroadcast(() -> sentAt.set(System.currentTimeMillis()));

            List<Long> millis = new ArrayList<>();
            List<long[]> steps = new ArrayList<>();
            for (int i = 0; i < WITHDRAWALS; i++) {
                String proposalId = propose(http, walletId);
                approve(http, walletId, proposalId);
                String path = location + "/proposals/" + proposalId;
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                        .until(() -> "COMPLETED".equals(http.get(path).json().get("status").asString()));
                long ready = occurredAt(app, proposalId, "ProposalReady");
                long started = occurredAt(app, proposalId, "WithdrawalExecutionStarted");
                long done = occurredAt(app, proposalId, "WithdrawalCompleted");
                long journaled = app.jdbc().queryForObject(
                        "SELECT created_at FROM withdrawal_transaction WHERE proposal_id = ?::uuid", Timestamp.class,
                        proposalId).getTime();
                millis.add(done - ready);
                steps.add(new long[] {started - ready, journaled - started, signedAt.get() - journaled,
                        sentAt.get() - signedAt.get(), done - sentAt.get()});
            }
            assertThat(millis).hasSize(WITHDRAWALS);
            System.out.printf("MEASURED create->ACTIVE %d ms; ProposalReady->WithdrawalCompleted over %d: %s, all %s%n",
                    provisioning.toMillis(), millis.size(), summary(millis), millis);
            for (int step = 0; step < STEPS.length; step++) {
                int index = step;
                System.out.printf("MEASURED step %-7s %s%n", STEPS[step],
                        summary(steps.stream().map(a -> a[index]).toList()));
            }

            // a batch: every proposal made first, then all approved, so that they become ready together
            executor.beforeBroadcast(() -> { });
            executor.afterBroadcast(() -> { });
            List<String> batch = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
                batch.add(propose(http, walletId));
            }
            for (String proposalId : batch) {
                approve(http, walletId, proposalId);
            }
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200)).until(() -> batch.stream()
                    .allMatch(id -> "COMPLETED".equals(http.get(location + "/proposals/" + id).json().get("status")
                            .asString())));
            long firstReady = batch.stream().mapToLong(id -> occurredAt(app, id, "ProposalReady")).min().orElseThrow();
            long lastDone = batch.stream().mapToLong(id -> occurredAt(app, id, "WithdrawalCompleted")).max()
                    .orElseThrow();
            List<Long> batchMillis = batch.stream()
                    .map(id -> occurredAt(app, id, "WithdrawalCompleted") - occurredAt(app, id, "ProposalReady"))
                    .toList();
            System.out.printf("MEASURED batch of %d from one wallet: first ready -> last completed %d ms = %.1f "
                            + "withdrawals/min; each ready->completed %s%n", BATCH, lastDone - firstReady,
                    BATCH * 60_000.0 / (lastDone - firstReady), summary(batchMillis));
        }
    }

    private static long occurredAt(RunningApplication app, String proposalId, String type) {
        return app.jdbc().queryForObject("""
                SELECT occurred_at FROM wallet_event_log WHERE aggregate_id = ? AND event_type = ?""",
                Timestamp.class, proposalId, type).getTime();
    }

    private static String summary(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return "p50 %d ms, p99 %d ms, min %d ms, max %d ms".formatted(sorted.get((sorted.size() - 1) / 2),
                sorted.get((int) Math.ceil(0.99 * sorted.size()) - 1), sorted.get(0), sorted.get(sorted.size() - 1));
    }

    private static String propose(Http http, String walletId) throws Exception {
        String to = Keys.toChecksumAddress(Credentials.create(Keys.createEcKeyPair()).getAddress());
        String proposalId = UUID.randomUUID().toString();
        Instant expiresAt = Instant.now().plusSeconds(3_600).truncatedTo(ChronoUnit.SECONDS);
        String base = "/api/v1/wallets/" + walletId + "/proposals";
        String typed = http.get(base + "/request-payload?proposalId=" + proposalId + "&to=" + to
                + "&token=ETH&amount=1000&expiresAt=" + expiresAt).json().get("eip712TypedData").toString();
        assertThat(http.post(base, """
                {"proposalId":"%s","proposer":"%s","to":"%s","token":"ETH","amount":"1000","expiresAt":"%s",
                 "signature":"%s"}""".formatted(proposalId, ALICE.address(), to, expiresAt, ALICE.signTypedData(typed)))
                .status()).isEqualTo(201);
        return proposalId;
    }

    private static void approve(Http http, String walletId, String proposalId) {
        String base = "/api/v1/wallets/" + walletId + "/proposals/" + proposalId;
        String payloadPath = base + "/signing-payload?decision=approve";
        await().atMost(Duration.ofMinutes(1)).until(() -> http.get(payloadPath).status() == 200);
        String approval = http.get(payloadPath).json().get("eip712TypedData").toString();
        for (SignerKeys.Evm signer : new SignerKeys.Evm[] {ALICE, BOB}) {
            assertThat(http.post(base + "/approvals", """
                    {"signer":"%s","signature":"%s"}""".formatted(signer.address(), signer.signTypedData(approval)))
                    .status()).isEqualTo(204);
        }
    }
}
