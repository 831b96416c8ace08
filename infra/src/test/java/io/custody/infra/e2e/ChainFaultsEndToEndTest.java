package io.custody.infra.e2e;

import static io.custody.infra.e2e.ChainWorkflow.DEV_ACCOUNT;
import static io.custody.infra.e2e.ChainWorkflow.STEP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custody.contracts.devnode.DevChainControl;
import io.custody.contracts.devnode.HardhatNode;
import io.custody.contracts.generated.TestStablecoin;
import io.custody.contracts.generated.TestToken18;
import io.custody.infra.chain.ChainConfiguration;
import io.custody.infra.support.Http;
import io.custody.infra.support.RpcEndpointProxy;
import io.custody.infra.support.RunningApplication;
import io.custody.infra.support.SignerKeys;
import io.custody.infra.support.SseClient;
import io.custody.mpc.node.EmbeddedCluster;
import io.custody.mpc.node.NodeId;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.Transfer;
import org.web3j.tx.gas.StaticEIP1559GasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Convert;

/**
 * The application against a chain that misbehaves, on real parts: the all-in-one on an embedded PostgreSQL with its
 * three MPC nodes, and a Hardhat node it reaches through three configured RPC endpoints, in priority order: one that
 * claims another chain id (a misconfigured provider), a primary that the test takes down, and the node itself. The
 * chain has a confirmation depth of 3 (Hardhat mines only on demand, so the test mines) and two registered tokens,
 * a 6-decimal USDT-like stablecoin and an 18-decimal token. One application start and one provisioned 2-of-3 wallet
 * serve every test; each test funds what it spends and checks changes, so their order does not matter.
 */
class ChainFaultsEndToEndTest {

    private static final SignerKeys.Evm ALICE = SignerKeys.Evm.of(31);
    private static final SignerKeys.Evm BOB = SignerKeys.Evm.of(32);
    private static final SignerKeys.Evm CAROL = SignerKeys.Evm.of(33);
    private static final BigInteger ONE_18 = BigInteger.TEN.pow(18);

    @TempDir
    static Path dataDir;
    static HardhatNode node;
    static Web3j chain;
    static DevChainControl control;
    static TestStablecoin usdt;
    static TestToken18 tt18;
    static RpcEndpointProxy otherChain;
    static RpcEndpointProxy primary;
    static RunningApplication app;
    static Http http;
    static ChainWorkflow workflow;
    static String walletId;
    static String address;

    @BeforeAll
    static void start() throws Exception {
        FixturePrimePools.stock(dataDir.resolve("mpc"), 2); // one wallet
        node = HardhatNode.start();
        chain = Web3j.build(new HttpService(node.rpcUrl()));
        control = node.control();
        var transactions = new RawTransactionManager(chain, DEV_ACCOUNT, 31337,
                new PollingTransactionReceiptProcessor(chain, 100, 300));
        var gas = new StaticEIP1559GasProvider(31337, BigInteger.valueOf(20_000_000_000L),
                BigInteger.valueOf(1_000_000_000L), BigInteger.valueOf(3_000_000));
        usdt = TestStablecoin.deploy(chain, transactions, gas, DEV_ACCOUNT.getAddress()).send();
        tt18 = TestToken18.deploy(chain, transactions, gas, DEV_ACCOUNT.getAddress()).send();
        otherChain = new RpcEndpointProxy(node.rpcUrl()).onChain(1);
        primary = new RpcEndpointProxy(node.rpcUrl());
        List<String> args = new ArrayList<>(List.of(FixturePrimePools.APPLICATION_ARGS));
        args.addAll(List.of("--custody.provisioning.enabled=true", "--custody.execution.enabled=true",
                "--custody.chain.evm.rpc-urls=" + otherChain.url() + "," + primary.url() + "," + node.rpcUrl(),
                "--custody.chain.evm.chain-id=31337", "--custody.chain.evm.confirmations=3",
                "--custody.chain.evm.tokens.USDT.contract=" + usdt.getContractAddress(),
                "--custody.chain.evm.tokens.USDT.decimals=6",
                "--custody.chain.evm.tokens.TT18.contract=" + tt18.getContractAddress(),
                "--custody.chain.evm.tokens.TT18.decimals=18",
                "--custody.deposits.poll-millis=300", "--custody.withdrawal-delay.unit=PT1S"));
        app = RunningApplication.start(dataDir, args.toArray(String[]::new));
        http = app.http();
        workflow = new ChainWorkflow(http, ALICE, BOB, CAROL);
        walletId = workflow.activeWallet("Faults");
        address = workflow.address(walletId);
        // gas money for the withdrawals, credited at the depth
        Transfer.sendFunds(chain, DEV_ACCOUNT, address, BigDecimal.ONE, Convert.Unit.ETHER).send();
        control.mine(3);
        await().atMost(STEP).until(() -> workflow.balance(walletId, "ETH", "deposited").equals(ONE_18));
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
        if (primary != null) primary.close();
        if (otherChain != null) otherChain.close();
        if (chain != null) chain.shutdown();
        if (node != null) node.close();
    }

    @Test
    void an_endpoint_that_serves_another_chain_is_asked_its_chain_id_and_nothing_else() {
        assertThat(otherChain.methods()).as("the endpoint was checked").isNotEmpty();
        assertThat(otherChain.methods()).as("and never used").allMatch("eth_chainId"::equals);
        assertThat(app.context().getBean(ChainConfiguration.ChainHolder.class).rpc().isRefused("rpc-1")).isTrue();
        // the application works on the endpoints of the right chain: the wallet's gas money was credited through them
        assertThat(workflow.balance(walletId, "ETH", "deposited")).isEqualTo(ONE_18);
    }

    @Test
    void deposits_of_a_6_and_an_18_decimal_token_are_pending_below_the_depth_and_credited_in_base_units_at_it()
            throws Exception {
        BigInteger usdtBefore = workflow.balance(walletId, "USDT", "deposited");
        BigInteger tt18Before = workflow.balance(walletId, "TT18", "deposited");
        BigInteger twoAndAHalfUsdt = BigInteger.valueOf(2_500_000);
        BigInteger twoAndAHalfTt18 = new BigInteger("2500000000000000000");
        usdt.mint(address, twoAndAHalfUsdt).send();
        tt18.mint(address, twoAndAHalfTt18).send();

        await().atMost(STEP).until(() -> workflow.balance(walletId, "USDT", "pendingIncoming").equals(twoAndAHalfUsdt)
                && workflow.balance(walletId, "TT18", "pendingIncoming").equals(twoAndAHalfTt18));
        // (every other test leaves its deposits at the depth or retracted, so these are the only pending ones)
        assertThat(workflow.balance(walletId, "USDT", "deposited")).as("not credited below the depth")
                .isEqualTo(usdtBefore);
        assertThat(workflow.balance(walletId, "TT18", "deposited")).isEqualTo(tt18Before);

        control.mine(3);
        await().atMost(STEP).until(() -> workflow.balance(walletId, "USDT", "deposited")
                .equals(usdtBefore.add(twoAndAHalfUsdt))
                && workflow.balance(walletId, "TT18", "deposited").equals(tt18Before.add(twoAndAHalfTt18)));
        assertThat(workflow.balance(walletId, "USDT", "pendingIncoming")).isZero();
        assertThat(workflow.balance(walletId, "TT18", "pendingIncoming")).isZero();
    }

    @Test
    void a_reorg_that_drops_a_credited_deposit_reverses_it_and_the_wallet_stream_shows_the_reversal() throws Exception {
        BigInteger before = workflow.balance(walletId, "TT18", "deposited");
        BigInteger seven = BigInteger.valueOf(7).multiply(ONE_18);
        String snapshot = control.snapshot();
        TransactionReceipt minted = tt18.mint(address, seven).send();
        control.mine(3);
        await().atMost(STEP).until(() -> workflow.balance(walletId, "TT18", "deposited").equals(before.add(seven)));

        // the chain forgets the block with the deposit and grows past it: the deposit is no longer on the chain
        control.revert(snapshot);
        control.mine(6);
        assertThat(chain.ethGetTransactionReceipt(minted.getTransactionHash()).send().getTransactionReceipt())
                .isEmpty();
        await().atMost(STEP).until(() -> workflow.balance(walletId, "TT18", "deposited").equals(before));

        try (SseClient events = SseClient.connect(http, "/api/v1/wallets/" + walletId + "/events", null)) {
            assertThat(events.status()).isEqualTo(200);
            String depositId = "evm:" + minted.getTransactionHash() + ":";
            await().atMost(STEP).until(() -> events.drain(Duration.ofMillis(200)).stream()
                    .anyMatch(e -> e.type().equals("DepositReversed") && e.data().contains(depositId)
                            && e.data().contains(seven.toString())));
        }
    }

    @Test
    void a_reorg_below_the_depth_drops_a_pending_deposit_without_crediting_it() throws Exception {
        BigInteger before = workflow.balance(walletId, "USDT", "deposited");
        BigInteger pendingBefore = workflow.balance(walletId, "USDT", "pendingIncoming");
        String snapshot = control.snapshot();
        usdt.mint(address, BigInteger.valueOf(3_000_000)).send();
        await().atMost(STEP).until(() -> workflow.balance(walletId, "USDT", "pendingIncoming")
                .equals(pendingBefore.add(BigInteger.valueOf(3_000_000))));

        control.revert(snapshot);
        control.mine(6);
        await().atMost(STEP).until(() -> workflow.balance(walletId, "USDT", "pendingIncoming").equals(pendingBefore));
        assertThat(workflow.balance(walletId, "USDT", "deposited")).isEqualTo(before);
    }

    @Test
    void with_one_mpc_node_down_a_withdrawal_is_still_signed_by_the_other_two() throws Exception {
        fund(tt18, new BigInteger("2000000000000000000"), "TT18");
        // the first node: the one every signing session would otherwise start with
        app.context().getBean(EmbeddedCluster.class).stop(new NodeId("node-1"));
        String payee = newAddress();
        BigInteger amount = new BigInteger("1250000000000000000");
        String proposalId = workflow.proposeAndApprove(walletId, payee, "TT18", amount);
        var done = workflow.awaitCompleted(walletId, proposalId, () -> control.mine(1));
        assertThat(tt18.balanceOf(payee).send()).isEqualTo(amount);
        TransactionReceipt receipt = chain.ethGetTransactionReceipt(done.get("transactionHash").asString()).send()
                .getTransactionReceipt().orElseThrow();
        assertThat(receipt.isStatusOK()).isTrue();
        assertThat(receipt.getFrom()).isEqualToIgnoringCase(address);
    }

    @Test
    void with_the_primary_rpc_endpoint_down_deposits_and_withdrawals_go_through_the_next_one() throws Exception {
        int servedBefore = primary.methods().size();
        assertThat(servedBefore).as("the primary served the application until now").isPositive();
        primary.down();

        fund(usdt, BigInteger.valueOf(4_000_000), "USDT"); // seen and credited through the third endpoint
        String payee = newAddress();
        BigInteger amount = BigInteger.valueOf(1_234_567);
        String proposalId = workflow.proposeAndApprove(walletId, payee, "USDT", amount);
        var done = workflow.awaitCompleted(walletId, proposalId, () -> control.mine(1));

        assertThat(usdt.balanceOf(payee).send()).isEqualTo(amount);
        assertThat(chain.ethGetTransactionReceipt(done.get("transactionHash").asString()).send()
                .getTransactionReceipt().orElseThrow().getFrom()).isEqualToIgnoringCase(address);
        var rpc = app.context().getBean(ChainConfiguration.ChainHolder.class).rpc();
        assertThat(rpc.lastServedBy()).isEqualTo("rpc-3");
        assertThat(primary.methods()).as("nothing reached the primary once it was down").hasSize(servedBefore);
    }

    /** Mints {@code amount} of a token to the wallet, mines to the depth and waits until it is credited. */
    private static void fund(org.web3j.tx.Contract token, BigInteger amount, String symbol) throws Exception {
        BigInteger before = workflow.balance(walletId, symbol, "deposited");
        if (token instanceof TestStablecoin s) {
            s.mint(address, amount).send();
        } else {
            ((TestToken18) token).mint(address, amount).send();
        }
        control.mine(3);
        await().atMost(STEP).until(() -> workflow.balance(walletId, symbol, "deposited").equals(before.add(amount)));
    }

    private static String newAddress() throws Exception {
        return Keys.toChecksumAddress(Credentials.create(Keys.createEcKeyPair()).getAddress());
    }

    static BigInteger ethBalance(String owner) throws Exception {
        return chain.ethGetBalance(owner, DefaultBlockParameterName.LATEST).send().getBalance();
    }
}
