package io.custody.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custody.contracts.devnode.HardhatNode;
import io.custody.infra.CustodyApplication;
import io.custody.infra.support.ChildJvm;
import io.custody.infra.support.Http;
import io.custody.infra.support.RunningApplication;
import io.custody.infra.support.SignerKeys;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.http.HttpService;

/**
 * The application dies hard (a child JVM halted like {@code kill -9}) after the withdrawal's signed bytes are
 * journaled and before they are broadcast. The next start rebroadcasts the journaled bytes: exactly one transaction
 * leaves the wallet's address, it is the journaled one, and the proposal completes with its hash.
 */
class WithdrawalAfterAHardKillTest {

    private static final SignerKeys.Evm ALICE = SignerKeys.Evm.of(21);
    private static final SignerKeys.Evm BOB = SignerKeys.Evm.of(22);
    private static final SignerKeys.Evm CAROL = SignerKeys.Evm.of(23);

    @TempDir
    Path dataDir;

    @Test
    void a_kill_between_signing_and_broadcast_leaves_exactly_one_transaction_the_journaled_one() throws Exception {
        FixturePrimePools.stock(dataDir.resolve("mpc"), 2);
        try (HardhatNode node = HardhatNode.start()) {
            Web3j chain = Web3j.build(new HttpService(node.rpcUrl()));
            List<String> common = new ArrayList<>(List.of(FixturePrimePools.APPLICATION_ARGS));
            common.addAll(List.of("--custody.provisioning.enabled=true", "--custody.execution.enabled=true",
                    "--custody.chain.evm.rpc-urls=" + node.rpcUrl(), "--custody.chain.evm.chain-id=31337",
                    "--custody.chain.evm.confirmations=1", "--custody.withdrawal-delay.unit=PT1S"));
            String payee = Keys.toChecksumAddress(Credentials.create(Keys.createEcKeyPair()).getAddress());
            BigInteger amount = new BigInteger("250000000000000000");
            String walletId;
            String address;
            String proposalId = UUID.randomUUID().toString();

            // 1. a provisioned, funded wallet with an approved withdrawal whose delay has not elapsed yet
            try (RunningApplication app = RunningApplication.start(dataDir, common.toArray(String[]::new))) {
                Http http = app.http();
                walletId = http.post("/api/v1/wallets", """
                        {"name":"Kill","signers":["%s","%s","%s"],"threshold":2,
                         "chainFamily":"EVM"}""".formatted(ALICE.address(), BOB.address(), CAROL.address()))
                        .json().get("walletId").asString();
                String location = "/api/v1/wallets/" + walletId;
                await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> "ACTIVE".equals(http.get(location).json().get("status").asString()));
                address = http.get(location).json().get("address").asString();
                // a real transfer from Hardhat's first development account, which the deposit watch sees
                org.web3j.tx.Transfer.sendFunds(chain, Credentials.create(
                                "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"), address,
                        java.math.BigDecimal.ONE, org.web3j.utils.Convert.Unit.ETHER).send();
                await().atMost(Duration.ofMinutes(2)).until(() -> http.get(location + "/balances").json()
                        .get("balances").size() == 1);
                assertThat(http.send("PUT", location + "/withdrawal-delay", "application/json", "{\"hours\":20}")
                        .status()).isEqualTo(204);
                approve(http, walletId, proposalId, payee, amount);
            }

            // 2. the delay elapses in a child JVM, which signs, journals and dies before broadcasting
            List<String> childArgs = new ArrayList<>(List.of("--server.port=" + ChildJvm.freePort(),
                    "--server.address=127.0.0.1",
                    "--custody.embedded-postgres.data-dir=" + dataDir.resolve("postgres"),
                    "--custody.mpc.data-dir=" + dataDir.resolve("mpc"),
                    "--custody.execution.fault.halt-before-broadcast=true"));
            childArgs.addAll(common);
            try (ChildJvm child = ChildJvm.start(dataDir.resolve("child.log"), CustodyApplication.class.getName(),
                    childArgs.toArray(String[]::new))) {
                assertThat(child.awaitExit(Duration.ofMinutes(5))).as("the child halted before broadcasting").isTrue();
            }
            assertThat(chain.ethGetTransactionCount(address, DefaultBlockParameterName.PENDING).send()
                    .getTransactionCount()).as("nothing was sent before the kill").isZero();

            // 3. the next start finds the journaled bytes and sends them; nothing is signed again
            try (RunningApplication app = RunningApplication.start(dataDir, common.toArray(String[]::new))) {
                Map<String, Object> journaled = app.jdbc().queryForMap(
                        "SELECT state, tx_hash FROM withdrawal_transaction WHERE proposal_id = ?::uuid", proposalId);
                assertThat(journaled.get("tx_hash")).isNotNull();
                Http http = app.http();
                String path = "/api/v1/wallets/" + walletId + "/proposals/" + proposalId;
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                        .until(() -> "COMPLETED".equals(http.get(path).json().get("status").asString()));
                assertThat(http.get(path).json().get("transactionHash").asString())
                        .isEqualTo(journaled.get("tx_hash"));
            }
            assertThat(chain.ethGetTransactionCount(address, DefaultBlockParameterName.LATEST).send()
                    .getTransactionCount()).as("exactly one transaction left the wallet").isEqualTo(BigInteger.ONE);
            assertThat(chain.ethGetBalance(payee, DefaultBlockParameterName.LATEST).send().getBalance())
                    .isEqualTo(amount);
            chain.shutdown();
        }
    }

    private static void approve(Http http, String walletId, String proposalId, String to, BigInteger amount) {
        Instant expiresAt = Instant.now().plusSeconds(3_600).truncatedTo(ChronoUnit.SECONDS);
        String base = "/api/v1/wallets/" + walletId + "/proposals";
        String typed = http.get(base + "/request-payload?proposalId=" + proposalId + "&to=" + to + "&token=ETH&amount="
                + amount + "&expiresAt=" + expiresAt).json().get("eip712TypedData").toString();
        Http.Response proposed = http.post(base, """
                {"proposalId":"%s","proposer":"%s","to":"%s","token":"ETH","amount":"%s","expiresAt":"%s",
                 "signature":"%s"}""".formatted(proposalId, ALICE.address(), to, amount, expiresAt,
                ALICE.signTypedData(typed)));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        String payloadPath = base + "/" + proposalId + "/signing-payload?decision=approve";
        await().atMost(Duration.ofMinutes(1)).until(() -> http.get(payloadPath).status() == 200);
        String approval = http.get(payloadPath).json().get("eip712TypedData").toString();
        for (SignerKeys.Evm signer : new SignerKeys.Evm[] {BOB, CAROL}) {
            assertThat(http.post(base + "/" + proposalId + "/approvals", """
                    {"signer":"%s","signature":"%s"}""".formatted(signer.address(), signer.signTypedData(approval)))
                    .status()).isEqualTo(204);
        }
    }
}
