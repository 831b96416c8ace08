package io.custody.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custody.contracts.devnode.DevChainControl;
import io.custody.contracts.generated.EscrowPayment;
import io.custody.contracts.generated.SupplyChainFinance;
import io.custody.contracts.generated.TestStablecoin;
import io.custody.infra.chain.ChainConfiguration;
import io.custody.infra.chain.LocalDevChain;
import io.custody.infra.support.Http;
import io.custody.infra.support.RunningApplication;
import io.custody.infra.support.SignerKeys;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.StaticEIP1559GasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;
import tools.jackson.databind.JsonNode;

/**
 * Merchant payments in escrow and supply-chain finance with a custody wallet on real parts: the all-in-one
 * application with its MPC nodes and the local Hardhat node, which carries the escrow and financing contracts and the
 * TUSD stablecoin. The wallet allows the functions it needs, and every step it takes is a contract-call proposal,
 * approved by two signers over the decoded call and its calldata, executed as exactly one transaction: paying for an
 * order, confirming its delivery, raising a dispute, taking an unshipped order back after the refund window, and, as
 * an order's arbitrator, splitting a disputed payment 70/30; as a buyer, acknowledging a receivable's debt and
 * repaying it on its due date, scheduled and approved ahead; as a supplier, tokenizing an invoice and applying for
 * financing; as a financier, funding a receivable and pulling its repayment. The other parties (sellers, suppliers,
 * financiers, outside buyers) are plain accounts of the test. Every outcome is checked on the
 * chain itself and in the custody ledger, and the wallet's escrow and receivable views read the same state.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MarketContractsEndToEndTest {

    private static final SignerKeys.Evm ALICE = SignerKeys.Evm.of(31);
    private static final SignerKeys.Evm BOB = SignerKeys.Evm.of(32);
    private static final SignerKeys.Evm CAROL = SignerKeys.Evm.of(33);
    private static final BigInteger ETHER = BigInteger.TEN.pow(18);
    private static final String NATIVE = "0x" + "0".repeat(40);
    private static final String PAY = "createPayment(bytes32,address,address)";
    private static final String CONFIRM = "confirmDelivery(address,bytes32)";
    private static final String ARBITRATE = "arbitrate(address,bytes32,uint256,uint256)";
    private static final long CHAIN_ID = 31337;
    /** 5,000 TUSD (6 decimals) in base units. */
    private static final BigInteger TUSD_HELD = BigInteger.valueOf(5_000_000_000L);
    private static final String ACKNOWLEDGE = "acknowledgeDebt(uint256)";
    private static final String REPAY = "repay(uint256)";
    private static final String APPROVE = "approve(address,uint256)";
    private static final String TOKENIZE = "tokenizeReceivable(bytes32,uint256,uint256,address)";
    private static final String APPLY = "applyForFinancing(uint256,uint256)";
    private static final String FUND = "fund(uint256,uint256)";
    private static final String WITHDRAW_REPAYMENTS = "withdraw(address)";
    private static final String DISPUTE = "raiseDispute(address,bytes32,string)";
    private static final String REFUND = "refundAfterTimeout(address,bytes32)";

    @TempDir
    static Path dataDir;
    static RunningApplication app;
    static Http http;
    static ChainWorkflow workflow;
    static Web3j chain;
    static LocalDevChain devChain;
    static String walletId;
    static String wallet;
    static String escrow;

    @BeforeAll
    static void start() {
        FixturePrimePools.stock(dataDir.resolve("mpc"), 2); // one wallet
        app = RunningApplication.start(dataDir, FixturePrimePools.APPLICATION_ARGS[0],
                FixturePrimePools.APPLICATION_ARGS[1], "--custody.provisioning.enabled=true",
                "--custody.execution.enabled=true", "--custody.chain.local-node.enabled=true");
        http = app.http();
        workflow = new ChainWorkflow(http, ALICE, BOB, CAROL);
        devChain = app.context().getBean(ChainConfiguration.LocalDevChainHolder.class).chain();
        chain = Web3j.build(new HttpService(devChain.rpcUrl()));

        walletId = workflow.activeWallet("Escrow buyer");
        wallet = workflow.address(walletId).toLowerCase(Locale.ROOT);
        Http.Response funded = http.post("/dev/fund", """
                {"address":"%s","wei":"%s","tusd":"%s"}""".formatted(wallet, ETHER, TUSD_HELD));
        assertThat(funded.status()).as(funded.body()).isEqualTo(200);
        await().atMost(ChainWorkflow.STEP).until(() ->
                workflow.balance(walletId, "ETH", "deposited").equals(ETHER)
                        && workflow.balance(walletId, "TUSD", "deposited").equals(TUSD_HELD));

        Http.Response info = http.get("/api/v1/escrow");
        assertThat(info.status()).as(info.body()).isEqualTo(200);
        escrow = info.json().get("contract").asString().toLowerCase(Locale.ROOT);
        assertThat(info.json().get("disputeTimeoutSeconds").asLong())
                .isEqualTo(LocalDevChain.ESCROW_TIMEOUT.toSeconds());
        Http.Response allowed = http.put("/api/v1/wallets/" + walletId + "/contracts/" + escrow, """
                {"label":"Merchant escrow","functions":["%s","%s","%s"]}""".formatted(PAY, CONFIRM, ARBITRATE));
        assertThat(allowed.status()).as(allowed.body()).isEqualTo(204);
    }

    @AfterAll
    static void stop() {
        if (chain != null) chain.shutdown();
        if (app != null) app.close();
    }

    @Test
    @Order(1)
    void a_merchant_order_is_paid_into_escrow_shipped_delivered_and_released_to_the_seller() throws Exception {
        Credentials seller = account(ETHER.divide(BigInteger.TEN));
        Credentials arbitrator = Credentials.create(Keys.createEcKeyPair());
        devChain.registerArbitrator(arbitrator.getAddress());
        String order = orderId();
        BigInteger price = ETHER.divide(BigInteger.valueOf(4));

        String pay = workflow.proposeCallAndApprove(walletId, escrow, price, PAY, order, seller.getAddress(),
                arbitrator.getAddress());
        TransactionReceipt paid = receipt(workflow.awaitCompleted(walletId, pay, () -> { }));
        JsonNode view = order(order, null);
        assertThat(view.get("status").asString()).isEqualTo("PAID");
        assertThat(view.get("buyer").asString()).isEqualTo(wallet);
        assertThat(view.get("amount").asString()).isEqualTo(price.toString());
        assertThat(view.get("walletRoles")).extracting(JsonNode::asString).containsExactly("BUYER");

        escrowAs(seller).markShipped(wallet, bytes(order)).send();
        assertThat(order(order, null).get("status").asString()).isEqualTo("SHIPPED");

        String confirm = workflow.proposeCallAndApprove(walletId, escrow, BigInteger.ZERO, CONFIRM, wallet, order);
        TransactionReceipt confirmed = receipt(workflow.awaitCompleted(walletId, confirm, () -> { }));
        assertThat(order(order, null).get("status").asString()).isEqualTo("CONFIRMED");

        // on chain: the seller was credited the price and can pull it; the wallet paid price and two fees, nothing else
        assertThat(escrowAs(seller).withdrawable(NATIVE, seller.getAddress()).send()).isEqualTo(price);
        BigInteger before = balance(seller.getAddress());
        TransactionReceipt pulled = escrowAs(seller).withdraw(NATIVE, seller.getAddress()).send();
        assertThat(balance(seller.getAddress())).isEqualTo(before.add(price).subtract(fee(pulled)));
        assertThat(balance(wallet)).isEqualTo(ETHER.subtract(price).subtract(fee(paid)).subtract(fee(confirmed)));
        assertThat(nonce(wallet)).isEqualTo(BigInteger.TWO);
        // the custody ledger settled the value sent with the payment
        await().atMost(ChainWorkflow.STEP).until(() ->
                workflow.balance(walletId, "ETH", "available").equals(ETHER.subtract(price)));
    }

    @Test
    @Order(2)
    void a_disputed_order_is_arbitrated_70_30_by_the_custody_wallet_and_both_parties_are_paid_their_shares()
            throws Exception {
        devChain.registerArbitrator(wallet);
        Credentials buyer = account(ETHER);
        Credentials seller = account(ETHER.divide(BigInteger.TEN));
        String order = orderId();
        BigInteger price = ETHER.divide(BigInteger.TWO);
        escrowAs(buyer).createPayment(bytes(order), seller.getAddress(), wallet, price).send();
        escrowAs(seller).markShipped(buyer.getAddress(), bytes(order)).send();
        escrowAs(buyer).raiseDispute(buyer.getAddress(), bytes(order), "arrived damaged").send();
        JsonNode disputed = order(order, buyer.getAddress());
        assertThat(disputed.get("status").asString()).isEqualTo("DISPUTED");
        assertThat(disputed.get("walletRoles")).extracting(JsonNode::asString).containsExactly("ARBITRATOR");
        BigInteger nonceBefore = nonce(wallet);

        BigInteger buyerShare = price.multiply(BigInteger.valueOf(70)).divide(BigInteger.valueOf(100));
        BigInteger sellerShare = price.subtract(buyerShare);
        String decision = workflow.proposeCallAndApprove(walletId, escrow, BigInteger.ZERO, ARBITRATE,
                buyer.getAddress().toLowerCase(Locale.ROOT), order, buyerShare.toString(), sellerShare.toString());
        workflow.awaitCompleted(walletId, decision, () -> { });
        assertThat(order(order, buyer.getAddress()).get("status").asString()).isEqualTo("ARBITRATED");
        assertThat(nonce(wallet)).isEqualTo(nonceBefore.add(BigInteger.ONE));

        assertThat(escrowAs(buyer).withdrawable(NATIVE, buyer.getAddress()).send()).isEqualTo(buyerShare);
        assertThat(escrowAs(seller).withdrawable(NATIVE, seller.getAddress()).send()).isEqualTo(sellerShare);
        BigInteger buyerBefore = balance(buyer.getAddress());
        BigInteger sellerBefore = balance(seller.getAddress());
        TransactionReceipt buyerPull = escrowAs(buyer).withdraw(NATIVE, buyer.getAddress()).send();
        TransactionReceipt sellerPull = escrowAs(seller).withdraw(NATIVE, seller.getAddress()).send();
        assertThat(balance(buyer.getAddress())).isEqualTo(buyerBefore.add(buyerShare).subtract(fee(buyerPull)));
        assertThat(balance(seller.getAddress())).isEqualTo(sellerBefore.add(sellerShare).subtract(fee(sellerPull)));
    }

    @Test
    @Order(3)
    void a_function_the_wallet_does_not_allow_is_refused_and_a_call_that_would_revert_is_never_signed() {
        BigInteger nonceBefore = nonce(wallet);
        Instant expiresAt = Instant.now().plusSeconds(600).truncatedTo(ChronoUnit.SECONDS);
        Http.Response refused = http.post("/api/v1/wallets/" + walletId + "/contract-calls", """
                {"proposalId":"%s","proposer":"%s","contract":"%s","token":"ETH","value":"0",
                 "function":"releaseAfterTimeout(address,bytes32)","arguments":["%s","%s"],"expiresAt":"%s",
                 "signature":"0x%s"}""".formatted(UUID.randomUUID(), ALICE.address(), escrow, wallet, orderId(),
                expiresAt, "11".repeat(65)));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("error").get("reason").asString()).isEqualTo("CONTRACT_NOT_ALLOWED");

        // allowed, approved, but the escrow has no such order: the node's simulation refuses it before signing
        String doomed = workflow.proposeCallAndApprove(walletId, escrow, BigInteger.ZERO, CONFIRM, wallet, orderId());
        String path = "/api/v1/wallets/" + walletId + "/proposals/" + doomed;
        await().atMost(ChainWorkflow.STEP).until(() -> "FAILED".equals(http.get(path).json().get("status").asString()));
        assertThat(http.get(path).json().get("failureReason").asString()).contains("cannot be built");
        assertThat(nonce(wallet)).isEqualTo(nonceBefore);
    }

    private static JsonNode order(String orderId, String buyer) {
        Http.Response r = http.get("/api/v1/wallets/" + walletId + "/escrow/orders/" + orderId
                + (buyer == null ? "" : "?buyer=" + buyer));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** A fresh account of the test, funded by the development account. */
    private static Credentials account(BigInteger wei) throws Exception {
        Credentials account = Credentials.create(Keys.createEcKeyPair());
        devChain.fund(account.getAddress(), wei, BigInteger.ZERO);
        return account;
    }

    private static EscrowPayment escrowAs(Credentials who) {
        return EscrowPayment.load(escrow, chain, transactions(who), gas());
    }

    private static String orderId() {
        byte[] id = new byte[32];
        new SecureRandom().nextBytes(id);
        return "0x" + HexFormat.of().formatHex(id);
    }

    private static byte[] bytes(String orderId) {
        return HexFormat.of().parseHex(orderId.substring(2));
    }

    private static TransactionReceipt receipt(JsonNode completed) throws Exception {
        return receipt(completed, escrow);
    }

    /** The proposal's mined transaction: successful, from the wallet, to {@code contract}. */
    private static TransactionReceipt receipt(JsonNode completed, String contract) throws Exception {
        TransactionReceipt receipt = chain.ethGetTransactionReceipt(completed.get("transactionHash").asString()).send()
                .getTransactionReceipt().orElseThrow();
        assertThat(receipt.isStatusOK()).isTrue();
        assertThat(receipt.getFrom()).isEqualToIgnoringCase(wallet);
        assertThat(receipt.getTo()).isEqualToIgnoringCase(contract);
        return receipt;
    }

    private static BigInteger fee(TransactionReceipt receipt) {
        return receipt.getGasUsed().multiply(Numeric.decodeQuantity(receipt.getEffectiveGasPrice()));
    }

    private static BigInteger balance(String address) throws Exception {
        return chain.ethGetBalance(address, DefaultBlockParameterName.LATEST).send().getBalance();
    }

    private static BigInteger nonce(String address) {
        try {
            return chain.ethGetTransactionCount(address, DefaultBlockParameterName.PENDING).send().getTransactionCount();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @Order(4)
    void a_receivable_is_tokenized_financed_and_repaid_by_the_custody_wallet_on_its_due_date() throws Exception {
        Http.Response info = http.get("/api/v1/financing");
        assertThat(info.status()).as(info.body()).isEqualTo(200);
        String financing = info.json().get("contract").asString().toLowerCase(Locale.ROOT);
        String tusd = info.json().get("stablecoin").asString().toLowerCase(Locale.ROOT);
        assertThat(tusd).isEqualToIgnoringCase(devChain.stablecoinAddress());
        assertThat(http.put("/api/v1/wallets/" + walletId + "/contracts/" + financing, """
                {"label":"Receivables","functions":["%s","%s"]}""".formatted(ACKNOWLEDGE, REPAY)).status())
                .isEqualTo(204);
        assertThat(http.put("/api/v1/wallets/" + walletId + "/contracts/" + tusd, """
                {"label":"TUSD","functions":["%s"]}""".formatted(APPROVE)).status()).isEqualTo(204);

        // the supplier puts its invoice on chain: 1,000 TUSD owed by the custody wallet, due in a minute and a half
        BigInteger face = BigInteger.valueOf(1_000_000_000L);
        BigInteger advance = BigInteger.valueOf(950_000_000L);
        Credentials supplier = account(ETHER.divide(BigInteger.TEN));
        Instant due = Instant.now().plusSeconds(90).truncatedTo(ChronoUnit.SECONDS);
        SupplyChainFinance asSupplier = financingAs(financing, supplier);
        BigInteger tokenId = asSupplier.nextTokenId().send();
        asSupplier.tokenizeReceivable(bytes(orderId()), face, BigInteger.valueOf(due.getEpochSecond()), wallet).send();
        assertThat(receivable(tokenId).get("status").asString()).isEqualTo("ISSUED");

        // the custody wallet acknowledges the debt: a call that moves nothing
        String acknowledge = workflow.proposeCallAndApprove(walletId, financing, BigInteger.ZERO, ACKNOWLEDGE,
                tokenId.toString());
        workflow.awaitCompleted(walletId, acknowledge, () -> { });
        JsonNode acknowledged = receivable(tokenId);
        assertThat(acknowledged.get("status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(acknowledged.get("walletRoles")).extracting(JsonNode::asString).containsExactly("BUYER");

        // the supplier is advanced 950 TUSD by a financier, who now holds the receivable
        asSupplier.applyForFinancing(tokenId, advance).send();
        Credentials financier = Credentials.create(Keys.createEcKeyPair());
        devChain.fund(financier.getAddress(), ETHER.divide(BigInteger.TEN), advance);
        TestStablecoin.load(tusd, chain, transactions(financier), gas()).approve(financing, advance).send();
        financingAs(financing, financier).fund(tokenId, advance).send();
        assertThat(receivable(tokenId).get("holder").asString()).isEqualToIgnoringCase(financier.getAddress());

        // the repayment: an exact allowance now, the repayment itself scheduled and approved ahead of the due date
        String allowance = workflow.proposeCallAndApprove(walletId, tusd, "TUSD", BigInteger.ZERO, null, APPROVE,
                financing, face.toString());
        workflow.awaitCompleted(walletId, allowance, () -> { });
        // scheduled a little ahead, so that it is approved well before it may execute, and still before the due date
        Instant notBefore = Instant.now().plusSeconds(30).truncatedTo(ChronoUnit.SECONDS);
        assertThat(notBefore).as("the steps before the repayment took too long for this test's due date")
                .isBefore(due.minusSeconds(10));
        String repayment = workflow.proposeCallAndApprove(walletId, financing, "TUSD", face, notBefore, REPAY,
                tokenId.toString());
        String path = "/api/v1/wallets/" + walletId + "/proposals/" + repayment;
        await().atMost(ChainWorkflow.STEP).until(() -> !"PENDING".equals(http.get(path).json().get("status").asString()));
        JsonNode ready = http.get(path).json();
        // executable at notBefore (or when it became ready, had the approvals come later), never before it
        assertThat(Instant.parse(ready.get("executableAfter").asString())).isAfterOrEqualTo(notBefore);
        assertThat(Instant.parse(ready.get("notBefore").asString())).isEqualTo(notBefore);
        JsonNode repaid = workflow.awaitCompleted(walletId, repayment, () -> { });
        TransactionReceipt receipt = receipt(repaid, financing);
        assertThat(blockTime(receipt)).isAfterOrEqualTo(notBefore).isBeforeOrEqualTo(due);

        // on chain: repaid on time at face value, credited to the financier; the wallet's TUSD went down by exactly that
        JsonNode settled = receivable(tokenId);
        assertThat(settled.get("status").asString()).isEqualTo("REPAID");
        assertThat(settled.get("repaidAmount").asString()).isEqualTo(face.toString());
        assertThat(financingAs(financing, financier).withdrawable(financier.getAddress()).send()).isEqualTo(face);
        assertThat(TestStablecoin.load(tusd, chain, transactions(financier), gas()).balanceOf(wallet).send())
                .isEqualTo(TUSD_HELD.subtract(face));
        // and the custody ledger settled what the receipt says left the wallet, not a guess
        await().atMost(ChainWorkflow.STEP).until(() ->
                workflow.balance(walletId, "TUSD", "available").equals(TUSD_HELD.subtract(face)));
    }

    @Test
    @Order(5)
    void the_custody_wallet_tokenizes_and_finances_receivables_and_the_money_it_receives_is_credited() throws Exception {
        String financing = http.get("/api/v1/financing").json().get("contract").asString().toLowerCase(Locale.ROOT);
        String tusd = devChain.stablecoinAddress().toLowerCase(Locale.ROOT);
        assertThat(http.put("/api/v1/wallets/" + walletId + "/contracts/" + financing, """
                {"label":"Receivables","functions":["%s","%s","%s","%s","%s","%s"]}""".formatted(ACKNOWLEDGE, REPAY,
                TOKENIZE, APPLY, FUND, WITHDRAW_REPAYMENTS)).status()).isEqualTo(204);
        BigInteger face = BigInteger.valueOf(200_000_000L);
        BigInteger advance = BigInteger.valueOf(190_000_000L);
        BigInteger tusdBefore = workflow.balance(walletId, "TUSD", "available");

        // as supplier: the wallet tokenizes its invoice to an outside buyer and applies for financing
        Credentials buyer = account(ETHER.divide(BigInteger.TEN));
        Instant due = Instant.now().plus(java.time.Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        BigInteger sold = financingAs(financing, buyer).nextTokenId().send();
        workflow.awaitCompleted(walletId, workflow.proposeCallAndApprove(walletId, financing, BigInteger.ZERO,
                TOKENIZE, orderId(), face.toString(), Long.toString(due.getEpochSecond()),
                buyer.getAddress().toLowerCase(Locale.ROOT)), () -> { });
        assertThat(receivable(sold).get("walletRoles")).extracting(JsonNode::asString)
                .containsExactly("SUPPLIER", "HOLDER");
        financingAs(financing, buyer).acknowledgeDebt(sold).send();
        workflow.awaitCompleted(walletId, workflow.proposeCallAndApprove(walletId, financing, BigInteger.ZERO, APPLY,
                sold.toString(), advance.toString()), () -> { });
        Credentials financier = Credentials.create(Keys.createEcKeyPair());
        devChain.fund(financier.getAddress(), ETHER.divide(BigInteger.TEN), advance);
        TestStablecoin.load(tusd, chain, transactions(financier), gas()).approve(financing, advance).send();
        financingAs(financing, financier).fund(sold, advance).send();
        // the advance is a TUSD transfer to the wallet: the deposit watch credits it
        await().atMost(ChainWorkflow.STEP).until(() ->
                workflow.balance(walletId, "TUSD", "available").equals(tusdBefore.add(advance)));

        // as financier: the wallet advances 190 TUSD on an outside supplier's receivable, is repaid 200 and pulls it
        Credentials supplier = account(ETHER.divide(BigInteger.TEN));
        Credentials debtor = account(ETHER.divide(BigInteger.TEN));
        devChain.fund(debtor.getAddress(), BigInteger.ZERO, face);
        SupplyChainFinance asSupplier = financingAs(financing, supplier);
        BigInteger bought = asSupplier.nextTokenId().send();
        asSupplier.tokenizeReceivable(bytes(orderId()), face, BigInteger.valueOf(due.getEpochSecond()),
                debtor.getAddress()).send();
        financingAs(financing, debtor).acknowledgeDebt(bought).send();
        asSupplier.applyForFinancing(bought, advance).send();
        workflow.awaitCompleted(walletId, workflow.proposeCallAndApprove(walletId, tusd, "TUSD", BigInteger.ZERO,
                null, APPROVE, financing, advance.toString()), () -> { });
        JsonNode funded = workflow.awaitCompleted(walletId, workflow.proposeCallAndApprove(walletId, financing, "TUSD",
                advance, null, FUND, bought.toString(), advance.toString()), () -> { });
        receipt(funded, financing);
        assertThat(receivable(bought).get("walletRoles")).extracting(JsonNode::asString)
                .containsExactly("FINANCIER", "HOLDER");
        assertThat(TestStablecoin.load(tusd, chain, transactions(supplier), gas()).balanceOf(supplier.getAddress())
                .send()).isEqualTo(advance);
        TestStablecoin.load(tusd, chain, transactions(debtor), gas()).approve(financing, face).send();
        financingAs(financing, debtor).repay(bought).send();
        assertThat(receivable(bought).get("walletWithdrawable").asString()).isEqualTo(face.toString());
        workflow.awaitCompleted(walletId, workflow.proposeCallAndApprove(walletId, financing, BigInteger.ZERO,
                WITHDRAW_REPAYMENTS, wallet), () -> { });
        // ledger: +190 advance as supplier, -190 advanced as financier (settled from the receipt), +200 repaid
        await().atMost(ChainWorkflow.STEP).until(() -> workflow.balance(walletId, "TUSD", "available")
                .equals(tusdBefore.add(advance).subtract(advance).add(face)));
        assertThat(TestStablecoin.load(tusd, chain, transactions(supplier), gas()).balanceOf(wallet).send())
                .isEqualTo(tusdBefore.add(face));
    }

    @Test
    @Order(6)
    void the_custody_buyer_disputes_one_order_and_takes_an_unshipped_one_back_after_the_refund_timeout()
            throws Exception {
        assertThat(http.put("/api/v1/wallets/" + walletId + "/contracts/" + escrow, """
                {"label":"Merchant escrow","functions":["%s","%s","%s","%s","%s"]}""".formatted(PAY, CONFIRM,
                ARBITRATE, DISPUTE, REFUND)).status()).isEqualTo(204);
        Credentials seller = account(ETHER.divide(BigInteger.TEN));
        Credentials arbitrator = Credentials.create(Keys.createEcKeyPair());
        devChain.registerArbitrator(arbitrator.getAddress());
        BigInteger price = ETHER.divide(BigInteger.valueOf(20));
        String disputed = orderId();
        String unshipped = orderId();
        for (String order : new String[] {disputed, unshipped}) {
            workflow.awaitCompleted(walletId, workflow.proposeCallAndApprove(walletId, escrow, price, PAY, order,
                    seller.getAddress(), arbitrator.getAddress()), () -> { });
        }
        escrowAs(seller).markShipped(wallet, bytes(disputed)).send();
        workflow.awaitCompleted(walletId, workflow.proposeCallAndApprove(walletId, escrow, BigInteger.ZERO, DISPUTE,
                wallet, disputed, "item not as described"), () -> { });
        JsonNode raised = order(disputed, null);
        assertThat(raised.get("status").asString()).isEqualTo("DISPUTED");
        assertThat(raised.get("disputedAt").isNull()).isFalse();

        // the refund window passes on the chain (the node's clock moves on; this is the class's last test)
        new DevChainControl(devChain.rpcUrl()).increaseTime(LocalDevChain.ESCROW_TIMEOUT.toSeconds() + 60);
        new DevChainControl(devChain.rpcUrl()).mine(1);
        workflow.awaitCompleted(walletId, workflow.proposeCallAndApprove(walletId, escrow, BigInteger.ZERO, REFUND,
                wallet, unshipped), () -> { });
        JsonNode refunded = order(unshipped, null);
        assertThat(refunded.get("status").asString()).isEqualTo("REFUNDED");
        assertThat(refunded.get("walletWithdrawable").asString()).isEqualTo(price.toString());
        assertThat(escrowAs(seller).withdrawable(NATIVE, wallet).send()).isEqualTo(price);
    }

    private static JsonNode receivable(BigInteger tokenId) {
        Http.Response r = http.get("/api/v1/wallets/" + walletId + "/receivables/" + tokenId);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static SupplyChainFinance financingAs(String financing, Credentials who) {
        return SupplyChainFinance.load(financing, chain, transactions(who), gas());
    }

    private static RawTransactionManager transactions(Credentials who) {
        return new RawTransactionManager(chain, who, CHAIN_ID, new PollingTransactionReceiptProcessor(chain, 100, 300));
    }

    private static StaticEIP1559GasProvider gas() {
        return new StaticEIP1559GasProvider(CHAIN_ID, BigInteger.valueOf(20_000_000_000L),
                BigInteger.valueOf(1_000_000_000L), BigInteger.valueOf(500_000));
    }

    private static Instant blockTime(TransactionReceipt receipt) throws Exception {
        return Instant.ofEpochSecond(chain.ethGetBlockByHash(receipt.getBlockHash(), false).send().getBlock()
                .getTimestamp().longValueExact());
    }
}
