package io.custody.infra.e2e;

import static io.custody.infra.e2e.ChainWorkflow.DEV_ACCOUNT;
import static io.custody.infra.e2e.ChainWorkflow.STEP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custody.contracts.devnode.DevChainControl;
import io.custody.contracts.devnode.HardhatNode;
import io.custody.infra.CustodyApplication;
import io.custody.infra.support.ChildJvm;
import io.custody.infra.support.RunningApplication;
import io.custody.infra.support.SignerKeys;
import io.custody.infra.support.TestIdentity;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.Transfer;
import org.web3j.utils.Convert;

/**
 * The application dies hard (a child JVM halted like {@code kill -9}, in which the withdrawal's delay elapses) after
 * its withdrawal's transaction reached the node's pool and before it was confirmed: the node mines nothing until the test says so, so the transaction is still
 * pending when the next start looks. That start neither signs nor sends anything new: it finds the journaled hash on
 * chain, waits for its confirmation and completes the proposal with it; exactly one transaction leaves the wallet.
 */
class WithdrawalKilledAfterBroadcastTest {

    private static final SignerKeys.Evm ALICE = SignerKeys.Evm.of(41);
    private static final SignerKeys.Evm BOB = SignerKeys.Evm.of(42);
    private static final SignerKeys.Evm CAROL = SignerKeys.Evm.of(43);

    @TempDir
    Path dataDir;

    @Test
    void a_kill_between_broadcast_and_confirmation_leaves_one_transaction_and_the_next_start_completes_with_it()
            throws Exception {
        FixturePrimePools.stock(dataDir.resolve("mpc"), 2);
        try (HardhatNode node = HardhatNode.start()) {
            Web3j chain = Web3j.build(new HttpService(node.rpcUrl()));
            DevChainControl control = node.control();
            List<String> common = new ArrayList<>(List.of(FixturePrimePools.APPLICATION_ARGS));
            common.addAll(List.of("--custody.provisioning.enabled=true", "--custody.execution.enabled=true",
                    "--custody.chain.evm.rpc-urls=" + node.rpcUrl(), "--custody.chain.evm.chain-id=31337",
                    "--custody.chain.evm.confirmations=1", "--custody.deposits.poll-millis=300",
                    "--custody.withdrawal-delay.unit=PT1S"));
            String payee = Keys.toChecksumAddress(Credentials.create(Keys.createEcKeyPair()).getAddress());
            BigInteger amount = new BigInteger("250000000000000000");
            String walletId;
            String address;
            String proposalId;

            // 1. a provisioned, funded wallet with an approved withdrawal whose delay has not elapsed yet
            try (RunningApplication app = RunningApplication.start(dataDir, common.toArray(String[]::new))) {
                ChainWorkflow workflow = new ChainWorkflow(app.http(), ALICE, BOB, CAROL);
                walletId = workflow.activeWallet("Kill after broadcast");
                address = workflow.address(walletId);
                Transfer.sendFunds(chain, DEV_ACCOUNT, address, BigDecimal.ONE, Convert.Unit.ETHER).send();
                await().atMost(STEP).until(() -> workflow.balance(walletId, "ETH", "deposited")
                        .equals(BigInteger.TEN.pow(18)));
                assertThat(app.http().send("PUT", "/api/v1/wallets/" + walletId + "/withdrawal-delay",
                        "application/json", "{\"hours\":20}").status()).isEqualTo(204);
                proposalId = workflow.proposeAndApprove(walletId, payee, "ETH", amount);
            }

            // 2. the delay elapses in a child JVM, which signs, journals and broadcasts into a pool the node does not
            // mine, and halts right after
            control.setAutomine(false);
            List<String> childArgs = new ArrayList<>(List.of("--server.port=" + ChildJvm.freePort(),
                    "--server.address=127.0.0.1",
                    "--custody.embedded-postgres.data-dir=" + dataDir.resolve("postgres"),
                    "--custody.mpc.data-dir=" + dataDir.resolve("mpc"),
                    "--custody.execution.fault.halt-after-broadcast=true"));
            childArgs.addAll(common);
            try (ChildJvm child = ChildJvm.start(dataDir.resolve("child.log"), CustodyApplication.class.getName(),
                    TestIdentity.withArguments(dataDir, childArgs.toArray(String[]::new)))) {
                assertThat(child.awaitExit(Duration.ofMinutes(5))).as("the child halted after broadcasting:\n%s",
                        child.output()).isTrue();
            }
            assertThat(count(chain, address, DefaultBlockParameterName.PENDING)).as("one transaction in the pool")
                    .isEqualTo(BigInteger.ONE);
            assertThat(count(chain, address, DefaultBlockParameterName.LATEST)).as("none mined").isZero();

            // 3. the next start finds the journaled hash pending on chain and completes the proposal once it is mined
            try (RunningApplication app = RunningApplication.start(dataDir, common.toArray(String[]::new))) {
                Map<String, Object> journaled = app.jdbc().queryForMap(
                        "SELECT state, tx_hash FROM withdrawal_transaction WHERE proposal_id = ?::uuid", proposalId);
                assertThat(journaled.get("state")).isEqualTo("BROADCAST");
                String hash = (String) journaled.get("tx_hash");
                assertThat(chain.ethGetTransactionByHash(hash).send().getTransaction()).as("pending on chain")
                        .hasValueSatisfying(tx -> assertThat(tx.getBlockHash()).isNull());
                control.setAutomine(true);
                ChainWorkflow workflow = new ChainWorkflow(app.http(), ALICE, BOB, CAROL);
                var completed = workflow.awaitCompleted(walletId, proposalId, () -> control.mine(1));
                assertThat(completed.get("transactionHash").asString()).isEqualTo(hash);
                assertThat(app.jdbc().queryForObject(
                        "SELECT broadcasts FROM withdrawal_transaction WHERE proposal_id = ?::uuid", Integer.class,
                        proposalId)).as("the chain knew it, so it was not sent again").isEqualTo(1);
            }
            assertThat(count(chain, address, DefaultBlockParameterName.LATEST))
                    .as("exactly one transaction left the wallet").isEqualTo(BigInteger.ONE);
            assertThat(chain.ethGetBalance(payee, DefaultBlockParameterName.LATEST).send().getBalance())
                    .isEqualTo(amount);
            chain.shutdown();
        }
    }

    private static BigInteger count(Web3j chain, String address, DefaultBlockParameterName at) throws Exception {
        return chain.ethGetTransactionCount(address, at).send().getTransactionCount();
    }
}
