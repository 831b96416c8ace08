package io.custody.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custody.infra.chain.ChainConfiguration;
import io.custody.infra.support.Http;
import io.custody.infra.support.RunningApplication;
import io.custody.infra.support.SignerKeys;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.SignedRawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;
import tools.jackson.databind.JsonNode;

/**
 * The product end to end on real parts: the all-in-one application on an embedded PostgreSQL with its three
 * in-process MPC nodes and the local Hardhat node it starts itself (with the test stablecoin). A 2-of-3 EVM wallet is
 * provisioned by threshold ECDSA key generation, funded from the development account through {@code POST /dev/fund}
 * (the deposit watch credits it), and two withdrawals (ETH, TUSD) are proposed, approved by two signers with EIP-712
 * signatures and executed by the saga: MPC signature, journal, broadcast, confirmation. Everything is checked on the
 * chain itself.
 */
class WithdrawalEndToEndTest {

    private static final SignerKeys.Evm ALICE = SignerKeys.Evm.of(11);
    private static final SignerKeys.Evm BOB = SignerKeys.Evm.of(12);
    private static final SignerKeys.Evm CAROL = SignerKeys.Evm.of(13);
    /** Key generation runs real threshold ECDSA with its proofs on a small shared machine. */
    private static final Duration PROVISIONING = Duration.ofMinutes(8);
    private static final Duration STEP = Duration.ofMinutes(3);

    @TempDir
    static Path dataDir;
    static RunningApplication app;
    static Http http;
    static ChainWorkflow workflow;
    static Web3j chain;

    @BeforeAll
    static void start() {
        FixturePrimePools.stock(dataDir.resolve("mpc"), 4); // two wallets
        app = RunningApplication.start(dataDir, FixturePrimePools.APPLICATION_ARGS[0],
                FixturePrimePools.APPLICATION_ARGS[1], "--custody.provisioning.enabled=true",
                "--custody.execution.enabled=true", "--custody.chain.local-node.enabled=true",
                "--custody.withdrawal-delay.unit=PT1S");
        http = app.http();
        workflow = new ChainWorkflow(http, ALICE, BOB, CAROL);
        String rpc = app.context().getBean(ChainConfiguration.LocalDevChainHolder.class).chain().rpcUrl();
        chain = Web3j.build(new HttpService(rpc));
    }

    @AfterAll
    static void stop() {
        if (chain != null) chain.shutdown();
        if (app != null) app.close();
    }

    @Test
    void a_2_of_3_wallet_is_provisioned_funded_and_withdraws_eth_and_the_stablecoin_on_chain() throws Exception {
        String walletId = http.post("/api/v1/wallets", """
                {"name":"E2E","signers":["%s","%s","%s"],"threshold":2,"chainFamily":"EVM"}"""
                .formatted(ALICE.address(), BOB.address(), CAROL.address())).json().get("walletId").asString();
        String location = "/api/v1/wallets/" + walletId;
        await().atMost(PROVISIONING).pollInterval(Duration.ofSeconds(1))
                .until(() -> http.get(location).status() == 200
                        && "ACTIVE".equals(http.get(location).json().get("status").asString()));
        String address = http.get(location).json().get("address").asString();
        assertThat(Keys.toChecksumAddress(address)).isEqualTo(address);

        // one short delay (2 "hours" of one second each), so the deadline path runs, not the zero-delay shortcut
        assertThat(http.send("PUT", location + "/withdrawal-delay", "application/json", "{\"hours\":2}").status())
                .isEqualTo(204);
        BigInteger oneEther = BigInteger.TEN.pow(18);
        Http.Response funded = http.post("/dev/fund", """
                {"address":"%s","wei":"%s","tusd":"5000000"}""".formatted(address, oneEther));
        assertThat(funded.status()).as(funded.body()).isEqualTo(200);
        await().atMost(STEP).until(() -> balance(walletId, "ETH", "deposited").equals(oneEther.toString())
                && balance(walletId, "TUSD", "deposited").equals("5000000"));

        String ethPayee = Keys.toChecksumAddress(Credentials.create(Keys.createEcKeyPair()).getAddress());
        String tusdPayee = Keys.toChecksumAddress(Credentials.create(Keys.createEcKeyPair()).getAddress());
        BigInteger ethAmount = new BigInteger("123400000000000000");
        BigInteger tusdAmount = BigInteger.valueOf(1_234_567);
        String ethProposal = workflow.proposeAndApprove(walletId, ethPayee, "ETH", ethAmount);
        String tusdProposal = workflow.proposeAndApprove(walletId, tusdPayee, "TUSD", tusdAmount);

        JsonNode ethDone = workflow.awaitCompleted(walletId, ethProposal, () -> { });
        JsonNode tusdDone = workflow.awaitCompleted(walletId, tusdProposal, () -> { });
        TransactionReceipt ethReceipt = minedFrom(address, ethDone);
        TransactionReceipt tusdReceipt = minedFrom(address, tusdDone);
        assertThat(Instant.parse(ethDone.get("updatedAt").asString()))
                .isAfterOrEqualTo(Instant.parse(ethDone.get("executableAfter").asString()));

        // balances moved by exactly the base-unit amounts (and the wallet paid the gas of both transactions)
        assertThat(chain.ethGetBalance(ethPayee, DefaultBlockParameterName.LATEST).send().getBalance())
                .isEqualTo(ethAmount);
        BigInteger fees = fee(ethReceipt).add(fee(tusdReceipt));
        assertThat(chain.ethGetBalance(address, DefaultBlockParameterName.LATEST).send().getBalance())
                .isEqualTo(oneEther.subtract(ethAmount).subtract(fees));
        String token = app.context().getBean(ChainConfiguration.LocalDevChainHolder.class).chain().stablecoinAddress();
        assertThat(tokenBalance(token, tusdPayee)).isEqualTo(tusdAmount);
        assertThat(tokenBalance(token, address)).isEqualTo(BigInteger.valueOf(5_000_000).subtract(tusdAmount));
        // exactly two transactions ever left the wallet's address, one per proposal
        assertThat(chain.ethGetTransactionCount(address, DefaultBlockParameterName.LATEST).send().getTransactionCount())
                .isEqualTo(BigInteger.TWO);
        // the read side follows: the settled withdrawal left the wallet's available TUSD
        await().atMost(STEP).until(() -> balance(walletId, "TUSD", "available").equals("3765433"));
    }

    @Test
    void a_transfer_the_chain_would_revert_is_failed_without_being_signed() throws Exception {
        String walletId = http.post("/api/v1/wallets", """
                {"name":"Revert","signers":["%s","%s","%s"],"threshold":2,"chainFamily":"EVM"}"""
                .formatted(ALICE.address(), BOB.address(), CAROL.address())).json().get("walletId").asString();
        String location = "/api/v1/wallets/" + walletId;
        await().atMost(PROVISIONING).pollInterval(Duration.ofSeconds(1))
                .until(() -> "ACTIVE".equals(http.get(location).json().get("status").asString()));
        String address = http.get(location).json().get("address").asString();
        assertThat(http.post("/dev/fund", """
                {"address":"%s","wei":"%s"}""".formatted(address, BigInteger.TEN.pow(17))).status()).isEqualTo(200);
        // The wallet believes in TUSD the chain never gave it (a deposit confirmed by mistake): the token contract
        // would revert the transfer, and the node's gas estimate, the simulation, says so before anything is signed.
        app.context().getBean(org.axonframework.commandhandling.gateway.CommandGateway.class).sendAndWait(
                new io.custody.api.deposit.ConfirmDeposit(io.custody.api.wallet.WalletId.parse(walletId),
                        new io.custody.api.deposit.DepositId("mistaken:1"), new io.custody.api.money.TokenId("TUSD"),
                        io.custody.api.money.Amount.of(1_000_000)));
        String payee = Keys.toChecksumAddress(Credentials.create(Keys.createEcKeyPair()).getAddress());
        String proposalId = workflow.proposeAndApprove(walletId, payee, "TUSD", BigInteger.valueOf(500_000));
        String path = location + "/proposals/" + proposalId;
        await().atMost(STEP).until(() -> "FAILED".equals(http.get(path).json().get("status").asString()));
        assertThat(http.get(path).json().get("failureReason").asString()).contains("cannot be built");
        assertThat(app.jdbc().queryForObject("SELECT count(*) FROM withdrawal_transaction WHERE proposal_id = ?::uuid",
                Long.class, proposalId)).isZero();
        assertThat(chain.ethGetTransactionCount(address, DefaultBlockParameterName.PENDING).send().getTransactionCount())
                .isZero();
    }

    /** The proposal's transaction: mined successfully, its signature recovers to the wallet's address. */
    private static TransactionReceipt minedFrom(String address, JsonNode completed) throws Exception {
        String hash = completed.get("transactionHash").asString();
        TransactionReceipt receipt = chain.ethGetTransactionReceipt(hash).send().getTransactionReceipt().orElseThrow();
        assertThat(receipt.isStatusOK()).isTrue();
        byte[] raw = app.jdbc().queryForObject("SELECT signed_tx FROM withdrawal_transaction WHERE tx_hash = ?",
                byte[].class, hash);
        assertThat(Numeric.toHexString(Hash.sha3(raw))).isEqualTo(hash);
        SignedRawTransaction decoded = (SignedRawTransaction) TransactionDecoder.decode(Numeric.toHexString(raw));
        assertThat(decoded.getFrom()).isEqualToIgnoringCase(address);
        assertThat(receipt.getFrom()).isEqualToIgnoringCase(address);
        return receipt;
    }

    private static BigInteger fee(TransactionReceipt receipt) {
        return receipt.getGasUsed().multiply(Numeric.decodeQuantity(receipt.getEffectiveGasPrice()));
    }

    private static BigInteger tokenBalance(String token, String owner) throws Exception {
        var call = org.web3j.protocol.core.methods.request.Transaction.createEthCallTransaction(owner, token,
                "0x70a08231" + "0".repeat(24) + owner.substring(2).toLowerCase());
        return Numeric.toBigInt(chain.ethCall(call, DefaultBlockParameterName.LATEST).send().getValue());
    }

    private static String balance(String walletId, String token, String field) {
        Http.Response r = http.get("/api/v1/wallets/" + walletId + "/balances");
        if (r.status() != 200) return "";
        for (JsonNode b : r.json().get("balances")) {
            if (token.equals(b.get("token").asString())) {
                return b.get(field).asString();
            }
        }
        return "";
    }

}
