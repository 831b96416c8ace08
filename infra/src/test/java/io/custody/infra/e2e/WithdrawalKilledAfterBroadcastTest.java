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
 * its withdrawal's transaction reached the node's pool and before it was confirmed: the node mines nothing until the
 * test says so, so the transaction is still pending when the next start looks. That start does not send the journaled
 * transaction again (the chain knows it); since it keeps waiting in the pool past the replacement wait, the start
 * replaces it by the same transaction with higher fees and the same nonce (journaled before it is sent), and once the
 * node mines, the proposal completes with the replacement's hash: exactly one transaction leaves the wallet, and the
 * payee is paid once.
 */
class WithdrawalKilledAfterBroadcastTest {

    private static final SignerKeys.Evm ALICE = SignerKeys.Evm.of(41);
    private static final SignerKeys.Evm BOB = SignerKeys.Evm.of(42);
    private static final SignerKeys.Evm CAROL = SignerKeys.Evm.of(43);

    @TempDir
    Path dataDir;

    @Test
    void a_kill_between_broadcast_and_confirmation_leaves_one_transaction_the_next_start_replaces_for_fees()
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

            // 3. the next start finds the journaled hash pending on chain and does not send it again; it waited in
            // the pool longer than the replacement wait, so the start replaces it (same nonce, higher fees), and the
            // proposal completes with the replacement once the node mines
            List<String> restart = new ArrayList<>(common);
            restart.addAll(List.of("--custody.execution.replace-after=PT3S", "--custody.execution.max-versions=2"));
            try (RunningApplication app = RunningApplication.start(dataDir, restart.toArray(String[]::new))) {
                Map<String, Object> journaled = app.jdbc().queryForMap(
                        "SELECT nonce, tx_hash FROM withdrawal_transaction WHERE proposal_id = ?::uuid", proposalId);
                String first = (String) journaled.get("tx_hash");
                await().atMost(STEP).until(() -> app.jdbc().queryForObject("SELECT count(*) FROM withdrawal_replacement"
                        + " WHERE proposal_id = ?::uuid AND tx_hash IS NOT NULL", Integer.class, proposalId) == 1);
                String second = app.jdbc().queryForObject("SELECT tx_hash FROM withdrawal_replacement"
                        + " WHERE proposal_id = ?::uuid AND version = 2", String.class, proposalId);
                await().atMost(STEP).until(() -> chain.ethGetTransactionByHash(second).send().getTransaction()
                        .isPresent());
                var replacement = chain.ethGetTransactionByHash(second).send().getTransaction().orElseThrow();
                assertThat(replacement.getNonce()).isEqualTo(BigInteger.valueOf((Long) journaled.get("nonce")));
                assertThat(replacement.getTo()).isEqualToIgnoringCase(payee);
                assertThat(replacement.getValue()).isEqualTo(amount);
                assertThat(replacement.getBlockHash()).as("still pending").isNull();
                assertThat(count(chain, address, DefaultBlockParameterName.PENDING)).as("one transaction per nonce")
                        .isEqualTo(BigInteger.ONE);

                control.setAutomine(true);
                ChainWorkflow workflow = new ChainWorkflow(app.http(), ALICE, BOB, CAROL);
                var completed = workflow.awaitCompleted(walletId, proposalId, () -> control.mine(1));
                assertThat(completed.get("transactionHash").asString()).isEqualTo(second);
                assertThat(chain.ethGetTransactionReceipt(first).send().getTransactionReceipt())
                        .as("the replaced transaction is never mined").isEmpty();
                Map<String, Object> done = app.jdbc().queryForMap("SELECT state, broadcasts, mined_hash"
                        + " FROM withdrawal_transaction WHERE proposal_id = ?::uuid", proposalId);
                assertThat(done.get("state")).isEqualTo("CONFIRMED");
                assertThat(done.get("mined_hash")).isEqualTo(second);
                assertThat(done.get("broadcasts")).as("the first version went out once (the chain knew it after the"
                        + " kill), the replacement once").isEqualTo(2);
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
