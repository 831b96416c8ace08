package io.custody.contracts;

import static io.custody.contracts.DevChain.assertRevertsWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.custody.contracts.generated.SupplyChainFinance;
import io.custody.contracts.generated.TestStablecoin;
import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** Receivable tokenisation, financing, repayment and default on a real Hardhat node, balances exact to the base unit. */
class SupplyChainFinanceTest {

    static final BigInteger ISSUED = BigInteger.ONE, REQUESTED = BigInteger.TWO, FUNDED = BigInteger.valueOf(3),
            REPAID = BigInteger.valueOf(4), DEFAULTED = BigInteger.valueOf(5);
    static final BigInteger FACE = BigInteger.valueOf(10_000_000_000L);      // 10 000 TUSD
    static final BigInteger ADVANCE = BigInteger.valueOf(9_700_000_001L);    // 9 700.000001 TUSD
    static final long THIRTY_DAYS = 30L * 24 * 3600;

    static DevChain chain;
    static Credentials tokenOwner;
    static String tokenAddress;
    static String scfAddress;
    static final AtomicLong INVOICES = new AtomicLong(1000);

    Credentials supplier, buyer, financier, stranger;
    String snapshot;

    @BeforeAll
    static void deploy() throws Exception {
        chain = new DevChain();
        tokenOwner = chain.fundedAccount();
        tokenAddress = TestStablecoin.deploy(chain.web3j, chain.txManager(tokenOwner), chain.gas, tokenOwner.getAddress())
                .send().getContractAddress();
        scfAddress = SupplyChainFinance.deploy(chain.web3j, chain.txManager(tokenOwner), chain.gas, tokenAddress)
                .send().getContractAddress();
    }

    @AfterAll
    static void stop() {
        chain.close();
    }

    @BeforeEach
    void parties() {
        snapshot = chain.control.snapshot();
        supplier = chain.fundedAccount();
        buyer = chain.fundedAccount();
        financier = chain.fundedAccount();
        stranger = chain.fundedAccount();
    }

    @AfterEach
    void isolate() {
        chain.control.revert(snapshot);
    }

    SupplyChainFinance as(Credentials c) {
        return SupplyChainFinance.load(scfAddress, chain.web3j, chain.txManager(c), chain.gas);
    }

    TestStablecoin token(Credentials c) {
        return TestStablecoin.load(tokenAddress, chain.web3j, chain.txManager(c), chain.gas);
    }

    BigInteger usd(Credentials c) throws Exception {
        return token(stranger).balanceOf(c.getAddress()).send();
    }

    void fundWithUsd(Credentials c, BigInteger amount) throws Exception {
        token(tokenOwner).mint(c.getAddress(), amount).send();
        token(c).approve(scfAddress, amount).send();
    }

    BigInteger dueDate() throws Exception {
        return BigInteger.valueOf(chain.latestTimestamp() + THIRTY_DAYS);
    }

    BigInteger tokenize() throws Exception {
        TransactionReceipt r = as(supplier).tokenizeReceivable(BigInteger.valueOf(INVOICES.incrementAndGet()), FACE, dueDate(),
                supplier.getAddress(), buyer.getAddress()).send();
        return SupplyChainFinance.getReceivableTokenizedEvents(r).get(0).tokenId;
    }

    BigInteger funded() throws Exception {
        BigInteger id = tokenize();
        as(supplier).applyForFinancing(id, ADVANCE).send();
        fundWithUsd(financier, ADVANCE);
        as(financier).fund(id).send();
        return id;
    }

    BigInteger status(BigInteger id) throws Exception {
        return as(stranger).getReceivable(id).send().status;
    }

    @Test
    void tokenised_receivable_is_an_nft_owned_by_the_supplier_with_the_invoice_terms() throws Exception {
        BigInteger due = dueDate();
        BigInteger invoice = BigInteger.valueOf(INVOICES.incrementAndGet());
        TransactionReceipt r = as(supplier).tokenizeReceivable(invoice, FACE, due, supplier.getAddress(), buyer.getAddress()).send();

        var ev = SupplyChainFinance.getReceivableTokenizedEvents(r).get(0);
        assertThat(ev.invoiceId).isEqualTo(invoice);
        assertThat(ev.amount).isEqualTo(FACE);
        assertThat(as(stranger).ownerOf(ev.tokenId).send()).isEqualToIgnoringCase(supplier.getAddress());
        var rec = as(stranger).getReceivable(ev.tokenId).send();
        assertThat(rec.dueDate).isEqualTo(due);
        assertThat(rec.buyer).isEqualToIgnoringCase(buyer.getAddress());
        assertThat(rec.status).isEqualTo(ISSUED);
    }

    @Test
    void financing_pays_the_supplier_the_advance_and_hands_the_token_to_the_financier() throws Exception {
        BigInteger id = tokenize();
        TransactionReceipt applied = as(supplier).applyForFinancing(id, ADVANCE).send();
        assertThat(SupplyChainFinance.getFinancingRequestedEvents(applied).get(0).financingAmount).isEqualTo(ADVANCE);
        assertThat(status(id)).isEqualTo(REQUESTED);

        fundWithUsd(financier, ADVANCE);
        TransactionReceipt r = as(financier).fund(id).send();

        assertThat(usd(supplier)).isEqualTo(ADVANCE);
        assertThat(usd(financier)).isZero();
        assertThat(as(stranger).ownerOf(id).send()).isEqualToIgnoringCase(financier.getAddress());
        assertThat(status(id)).isEqualTo(FUNDED);
        assertThat(SupplyChainFinance.getReceivableFundedEvents(r).get(0).financier).isEqualToIgnoringCase(financier.getAddress());
    }

    @Test
    void buyer_repaying_on_the_due_date_pays_the_face_amount_to_the_financier() throws Exception {
        BigInteger id = funded();
        fundWithUsd(buyer, FACE);
        BigInteger due = as(stranger).getReceivable(id).send().dueDate;
        chain.control.call("evm_setNextBlockTimestamp", due.longValueExact());

        TransactionReceipt r = as(buyer).repay(id).send();

        assertThat(usd(financier)).isEqualTo(FACE);
        assertThat(usd(buyer)).isZero();
        assertThat(status(id)).isEqualTo(REPAID);
        var ev = SupplyChainFinance.getReceivableRepaidEvents(r).get(0);
        assertThat(ev.paidTo).isEqualToIgnoringCase(financier.getAddress());
        assertThat(ev.amount).isEqualTo(FACE);
    }

    @Test
    void an_unfinanced_receivable_is_repaid_to_the_supplier() throws Exception {
        BigInteger id = tokenize();
        fundWithUsd(buyer, FACE);
        as(buyer).repay(id).send();
        assertThat(usd(supplier)).isEqualTo(FACE);
        assertThat(status(id)).isEqualTo(REPAID);
    }

    @Test
    void holder_declares_default_only_after_the_due_date() throws Exception {
        BigInteger id = funded();
        assertRevertsWith("NotYetDue(uint256)", () -> as(financier).markDefaulted(id).send());
        chain.control.increaseTime(THIRTY_DAYS + 1);
        assertRevertsWith("NotHolder()", () -> as(supplier).markDefaulted(id).send());
        fundWithUsd(buyer, FACE);
        assertRevertsWith("PastDueDate(uint256)", () -> as(buyer).repay(id).send());

        TransactionReceipt r = as(financier).markDefaulted(id).send();

        assertThat(status(id)).isEqualTo(DEFAULTED);
        assertThat(SupplyChainFinance.getReceivableDefaultedEvents(r).get(0).holder).isEqualToIgnoringCase(financier.getAddress());
        assertThat(usd(buyer)).isEqualTo(FACE);
        assertRevertsWith("WrongStatus(uint8)", () -> as(financier).markDefaulted(id).send());
    }

    @Test
    void tokenising_requires_the_supplier_a_future_due_date_and_an_unused_invoice() throws Exception {
        BigInteger due = dueDate();
        assertRevertsWith("NotSupplier()", () -> as(stranger).tokenizeReceivable(BigInteger.ONE, FACE, due,
                supplier.getAddress(), buyer.getAddress()).send());
        BigInteger past = BigInteger.valueOf(chain.latestTimestamp());
        assertRevertsWith("InvalidReceivable()", () -> as(supplier).tokenizeReceivable(BigInteger.ONE, FACE, past,
                supplier.getAddress(), buyer.getAddress()).send());
        assertRevertsWith("InvalidReceivable()", () -> as(supplier).tokenizeReceivable(BigInteger.ONE, BigInteger.ZERO, due,
                supplier.getAddress(), buyer.getAddress()).send());
        assertRevertsWith("InvalidReceivable()", () -> as(supplier).tokenizeReceivable(BigInteger.ONE, FACE, due,
                supplier.getAddress(), supplier.getAddress()).send());
        as(supplier).tokenizeReceivable(BigInteger.TWO, FACE, due, supplier.getAddress(), buyer.getAddress()).send();
        assertRevertsWith("InvoiceAlreadyTokenized(uint256)", () -> as(supplier).tokenizeReceivable(BigInteger.TWO, FACE, due,
                supplier.getAddress(), buyer.getAddress()).send());
    }

    @Test
    void financing_request_needs_the_owning_supplier_a_sane_amount_and_an_issued_receivable() throws Exception {
        BigInteger id = tokenize();
        assertRevertsWith("NotSupplier()", () -> as(stranger).applyForFinancing(id, ADVANCE).send());
        assertRevertsWith("InvalidFinancingAmount(uint256,uint256)", () -> as(supplier).applyForFinancing(id, FACE.add(BigInteger.ONE)).send());
        assertRevertsWith("InvalidFinancingAmount(uint256,uint256)", () -> as(supplier).applyForFinancing(id, BigInteger.ZERO).send());
        as(supplier).applyForFinancing(id, ADVANCE).send();
        assertRevertsWith("WrongStatus(uint8)", () -> as(supplier).applyForFinancing(id, ADVANCE).send());
        assertRevertsWith("UnknownReceivable(uint256)", () -> as(supplier).applyForFinancing(BigInteger.valueOf(999), ADVANCE).send());
    }

    @Test
    void funding_needs_a_request_a_third_party_funds_and_time_before_the_due_date() throws Exception {
        BigInteger id = tokenize();
        fundWithUsd(financier, ADVANCE);
        assertRevertsWith("WrongStatus(uint8)", () -> as(financier).fund(id).send());
        as(supplier).applyForFinancing(id, ADVANCE).send();
        fundWithUsd(buyer, ADVANCE);
        assertRevertsWith("InvalidReceivable()", () -> as(buyer).fund(id).send());
        assertRevertsWith("ERC20InsufficientAllowance(address,uint256,uint256)", () -> as(stranger).fund(id).send());
        chain.control.increaseTime(THIRTY_DAYS + 1);
        assertRevertsWith("PastDueDate(uint256)", () -> as(financier).fund(id).send());
        assertThat(usd(supplier)).isZero();
        assertThat(as(stranger).ownerOf(id).send()).isEqualToIgnoringCase(scfAddress);
    }

    @Test
    void only_the_buyer_repays_and_only_once() throws Exception {
        BigInteger id = funded();
        fundWithUsd(stranger, FACE);
        assertRevertsWith("NotDebtor()", () -> as(stranger).repay(id).send());
        fundWithUsd(buyer, FACE);
        as(buyer).repay(id).send();
        fundWithUsd(buyer, FACE);
        assertRevertsWith("WrongStatus(uint8)", () -> as(buyer).repay(id).send());
        assertRevertsWith("WrongStatus(uint8)", () -> as(financier).markDefaulted(id).send());
        assertThat(usd(financier)).isEqualTo(FACE);
    }

    // --- review findings, reproduced against the first version of the contract ---

    @Test
    void a_token_sold_after_applying_for_financing_cannot_be_taken_from_its_new_holder() throws Exception {
        BigInteger id = tokenize();
        as(supplier).applyForFinancing(id, BigInteger.ONE).send();
        Credentials newHolder = chain.fundedAccount();
        assertRevertsWith("ERC721InsufficientApproval(address,uint256)",
                () -> as(supplier).transferFrom(supplier.getAddress(), newHolder.getAddress(), id).send());
        fundWithUsd(financier, BigInteger.ONE);
        as(financier).fund(id).send();
        assertThat(as(stranger).balanceOf(newHolder.getAddress()).send()).isZero();
        assertThat(as(stranger).ownerOf(id).send()).isEqualToIgnoringCase(financier.getAddress());
    }

    @Test
    void a_supplier_that_sold_its_token_cannot_apply_for_financing() throws Exception {
        BigInteger id = tokenize();
        Credentials newHolder = chain.fundedAccount();
        as(supplier).transferFrom(supplier.getAddress(), newHolder.getAddress(), id).send();
        assertRevertsWith("NotHolder()", () -> as(supplier).applyForFinancing(id, ADVANCE).send());
    }

    @Test
    void the_applied_token_waits_in_the_contract_and_a_cancelled_request_returns_it() throws Exception {
        BigInteger id = tokenize();
        as(supplier).applyForFinancing(id, ADVANCE).send();
        assertThat(as(stranger).ownerOf(id).send()).isEqualToIgnoringCase(scfAddress);

        assertRevertsWith("NotSupplier()", () -> as(stranger).cancelFinancing(id).send());
        TransactionReceipt r = as(supplier).cancelFinancing(id).send();

        assertThat(SupplyChainFinance.getFinancingCancelledEvents(r)).hasSize(1);
        assertThat(as(stranger).ownerOf(id).send()).isEqualToIgnoringCase(supplier.getAddress());
        assertThat(status(id)).isEqualTo(ISSUED);
        fundWithUsd(financier, ADVANCE);
        assertRevertsWith("WrongStatus(uint8)", () -> as(financier).fund(id).send());
        assertRevertsWith("WrongStatus(uint8)", () -> as(supplier).cancelFinancing(id).send());
        assertThat(usd(financier)).isEqualTo(ADVANCE);
    }

    @Test
    void repaying_while_financing_is_requested_returns_token_and_money_to_the_supplier() throws Exception {
        BigInteger id = tokenize();
        as(supplier).applyForFinancing(id, ADVANCE).send();
        fundWithUsd(buyer, FACE);
        TransactionReceipt r = as(buyer).repay(id).send();
        assertThat(usd(supplier)).isEqualTo(FACE);
        assertThat(as(stranger).ownerOf(id).send()).isEqualToIgnoringCase(supplier.getAddress());
        assertThat(SupplyChainFinance.getReceivableRepaidEvents(r).get(0).paidTo).isEqualToIgnoringCase(supplier.getAddress());
    }
}
