package io.custody.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custody.infra.support.Http;
import io.custody.infra.support.RunningApplication;
import io.custody.infra.support.SignerKeys;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;

/**
 * A measurement, not a test (its name keeps it out of the test run; run it with
 * {@code -Dtest=WithdrawalLatencyMeasurement}): on the all-in-one default with the local Hardhat node, how long a
 * fresh installation takes from "create" to ACTIVE (one threshold ECDSA key generation, fixture primes standing in
 * for a filled pool), and the time from {@code ProposalReady} (zero delay) to {@code WithdrawalCompleted} for
 * sequential ETH withdrawals, from the events' own timestamps. Prints the figures; asserts only that the
 * withdrawals completed.
 */
class WithdrawalLatencyMeasurement {

    private static final SignerKeys.Evm ALICE = SignerKeys.Evm.of(31);
    private static final SignerKeys.Evm BOB = SignerKeys.Evm.of(32);
    private static final int WITHDRAWALS = Integer.getInteger("withdrawals", 10);

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

            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < WITHDRAWALS; i++) {
                String proposalId = propose(http, walletId);
                String path = location + "/proposals/" + proposalId;
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                        .until(() -> "COMPLETED".equals(http.get(path).json().get("status").asString()));
                Timestamp ready = app.jdbc().queryForObject("""
                        SELECT occurred_at FROM wallet_event_log WHERE aggregate_id = ? AND event_type = 'ProposalReady'""",
                        Timestamp.class, proposalId);
                Timestamp done = app.jdbc().queryForObject("""
                        SELECT occurred_at FROM wallet_event_log WHERE aggregate_id = ?
                        AND event_type = 'WithdrawalCompleted'""", Timestamp.class, proposalId);
                millis.add(done.getTime() - ready.getTime());
            }
            assertThat(millis).hasSize(WITHDRAWALS);
            List<Long> sorted = millis.stream().sorted().toList();
            System.out.printf("MEASURED create->ACTIVE %d ms; ProposalReady->WithdrawalCompleted over %d: p50 %d ms, "
                            + "p99 %d ms, min %d ms, max %d ms, all %s%n", provisioning.toMillis(), sorted.size(),
                    sorted.get((sorted.size() - 1) / 2), sorted.get((int) Math.ceil(0.99 * sorted.size()) - 1),
                    sorted.get(0), sorted.get(sorted.size() - 1), millis);
        }
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
        String payloadPath = base + "/" + proposalId + "/signing-payload?decision=approve";
        await().atMost(Duration.ofMinutes(1)).until(() -> http.get(payloadPath).status() == 200);
        String approval = http.get(payloadPath).json().get("eip712TypedData").toString();
        for (SignerKeys.Evm signer : new SignerKeys.Evm[] {ALICE, BOB}) {
            assertThat(http.post(base + "/" + proposalId + "/approvals", """
                    {"signer":"%s","signature":"%s"}""".formatted(signer.address(), signer.signTypedData(approval)))
                    .status()).isEqualTo(204);
        }
        return proposalId;
    }
}
