package io.custody.contracts;

import static io.custody.contracts.DevChain.assertRevertsWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.custody.contracts.fixtures.BlocklistToken;
import io.custody.contracts.fixtures.FalseReturningToken;
import io.custody.contracts.fixtures.FeeOnTransferToken;
import io.custody.contracts.generated.SupplyChainFinance;
import io.custody.contracts.generated.TestStablecoin;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** Receivable tokenisation, acknowledgement, financing, repayment (on time and late) and default on a real Hardhat node. */
class SupplyChainFinanceTest {

    static final BigInteger ISSUED = BigInteger.ONE, ACKNOWLEDGED = BigInteger.TWO, REQUESTED = BigInteger.valueOf(3),
            FUNDED = BigInteger.valueOf(4), REPAID = BigInteger.valueOf(5), DEFAULTED = BigInteger.valueOf(6);
    static final BigInteger FACE = BigInteger.valueOf(10_000_000_000L);      // 10 000 TUSD
    static final BigInteger ADVANCE = BigInteger.valueOf(9_700_000_001L);    // 9 700.000001 TUSD
    static final long THIRTY_DAYS = 30L * 24 * 3600;
    static final long GRACE = 10L * 24 * 3600;
    static final BigInteger LATE_FEE_BPS = BigInteger.valueOf(200);         // 2 %
    static final BigInteger LATE_DUE = FACE.add(FACE.multiply(LATE_FEE_BPS).divide(BigInteger.valueOf(10_000)));
    static final String NO_ADDRESS = "0x0000000000000000000000000000000000000000";

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
        scfAddress = deployScf(tokenAddress);
    }

    static String deployScf(String stablecoin) throws Exception {
        return SupplyChainFinance.deploy(chain.web3j, chain.txManager(tokenOwner), chain.gas, stablecoin,
                BigInteger.valueOf(GRACE), LATE_FEE_BPS).send().getContractAddress();
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
        return as(c, scfAddress);
    }

    SupplyChainFinance as(Credentials c, String contract) {
        return SupplyChainFinance.load(contract, chain.web3j, chain.txManager(c), chain.gas);
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

    /** The holder's credited repayments, withdrawn to its own address. */
    void withdrawUsd(Credentials c) throws Exception {
        as(c).withdraw(c.getAddress()).send();
    }

    BigInteger dueDate() throws Exception {
        return BigInteger.valueOf(chain.latestTimestamp() + THIRTY_DAYS);
    }

    static byte[] invoiceHash() {
        return Hash.sha3(("invoice-" + INVOICES.incrementAndGet()).getBytes(StandardCharsets.UTF_8));
    }

    BigInteger tokenize(String contract) throws Exception {
        TransactionReceipt r = as(supplier, contract).tokenizeReceivable(invoiceHash(), FACE, dueDate(), buyer.getAddress()).send();
        return SupplyChainFinance.getReceivableTokenizedEvents(r).get(0).tokenId;
    }

    BigInteger tokenize() throws Exception {
        return tokenize(scfAddress);
    }

    BigInteger acknowledged(String contract) throws Exception {
        BigInteger id = tokenize(contract);
        as(buyer, contract).acknowledgeDebt(id).send();
        return id;
    }

    BigInteger acknowledged() throws Exception {
        return acknowledged(scfAddress);
    }

    BigInteger funded() throws Exception {
        BigInteger id = acknowledged();
        as(supplier).applyForFinancing(id, ADVANCE).send();
        fundWithUsd(financier, ADVANCE);
        as(financier).fund(id, ADVANCE).send();
        return id;
    }

    BigInteger status(BigInteger id) throws Exception {
        return as(stranger).getReceivable(id).send().status;
    }

    BigInteger dueDateOf(BigInteger id) throws Exception {
        return as(stranger).getReceivable(id).send().dueDate;
    }

    @Test
    void tokenised_receivable_is_an_nft_owned_by_the_supplier_with_the_invoice_terms() throws Exception {
        BigInteger due = dueDate();
        byte[] invoice = invoiceHash();
        TransactionReceipt r = as(supplier).tokenizeReceivable(invoice, FACE, due, buyer.getAddress()).send();

        var ev = SupplyChainFinance.getReceivableTokenizedEvents(r).get(0);
        assertThat(ev.invoiceHash).isEqualTo(invoice);
        assertThat(ev.amount).isEqualTo(FACE);
        assertThat(ev.supplier).isEqualToIgnoringCase(supplier.getAddress());
        assertThat(as(stranger).ownerOf(ev.tokenId).send()).isEqualToIgnoringCase(supplier.getAddress());
        assertThat(as(stranger).tokenOfInvoice(invoice).send()).isEqualTo(ev.tokenId);
        var rec = as(stranger).getReceivable(ev.tokenId).send();
        assertThat(rec.dueDate).isEqualTo(due);
        assertThat(rec.buyer).isEqualToIgnoringCase(buyer.getAddress());
        assertThat(rec.status).isEqualTo(ISSUED);
    }

    @Test
    void the_buyer_acknowledges_the_debt_once_before_the_due_date() throws Exception {
        BigInteger id = tokenize();
        assertRevertsWith("NotDebtor()", () -> as(supplier).acknowledgeDebt(id).send());
        assertRevertsWith("NotDebtor()", () -> as(stranger).acknowledgeDebt(id).send());
        TransactionReceipt r = as(buyer).acknowledgeDebt(id).send();
        var ev = SupplyChainFinance.getDebtAcknowledgedEvents(r).get(0);
        assertThat(ev.amount).isEqualTo(FACE);
        assertThat(ev.buyer).isEqualToIgnoringCase(buyer.getAddress());
        assertThat(status(id)).isEqualTo(ACKNOWLEDGED);
        assertRevertsWith("WrongStatus(uint8)", () -> as(buyer).acknowledgeDebt(id).send());

        BigInteger late = tokenize();
        chain.control.increaseTime(THIRTY_DAYS + 1);
        assertRevertsWith("PastDueDate(uint256)", () -> as(buyer).acknowledgeDebt(late).send());
    }

    @Test
    void financing_pays_the_supplier_the_advance_and_hands_the_token_to_the_financier() throws Exception {
        BigInteger id = acknowledged();
        TransactionReceipt applied = as(supplier).applyForFinancing(id, ADVANCE).send();
        assertThat(SupplyChainFinance.getFinancingRequestedEvents(applied).get(0).financingAmount).isEqualTo(ADVANCE);
        assertThat(status(id)).isEqualTo(REQUESTED);

        fundWithUsd(financier, ADVANCE);
        TransactionReceipt r = as(financier).fund(id, ADVANCE).send();

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
        chain.control.call("evm_setNextBlockTimestamp", dueDateOf(id).longValueExact());

        TransactionReceipt r = as(buyer).repay(id).send();
        assertThat(as(stranger).withdrawable(financier.getAddress()).send()).isEqualTo(FACE);
        assertThat(usd(buyer)).isZero();
        TransactionReceipt w = as(financier).withdraw(financier.getAddress()).send();

        assertThat(usd(financier)).isEqualTo(FACE);
        assertThat(SupplyChainFinance.getWithdrawnEvents(w).get(0).amount).isEqualTo(FACE);
        assertThat(as(stranger).withdrawable(financier.getAddress()).send()).isZero();
        assertThat(token(stranger).balanceOf(scfAddress).send()).isZero();
        assertThat(status(id)).isEqualTo(REPAID);
        assertThat(as(stranger).getReceivable(id).send().repaidAmount).isEqualTo(FACE);
        var ev = SupplyChainFinance.getReceivableRepaidEvents(r).get(0);
        assertThat(ev.paidTo).isEqualToIgnoringCase(financier.getAddress());
        assertThat(ev.amount).isEqualTo(FACE);
        assertThat(ev.late).isFalse();
    }

    @Test
    void an_unfinanced_receivable_is_repaid_to_the_supplier() throws Exception {
        BigInteger id = tokenize();
        fundWithUsd(buyer, FACE);
        as(buyer).repay(id).send();
        withdrawUsd(supplier);
        assertThat(usd(supplier)).isEqualTo(FACE);
        assertThat(status(id)).isEqualTo(REPAID);
    }

    @Test
    void a_buyer_may_still_repay_after_the_due_date_with_the_late_fee() throws Exception {
        BigInteger id = funded();
        chain.control.increaseTime(THIRTY_DAYS + 1);
        assertThat(as(stranger).repaymentDue(id).send()).isEqualTo(LATE_DUE);
        fundWithUsd(buyer, LATE_DUE);

        TransactionReceipt r = as(buyer).repay(id).send();
        withdrawUsd(financier);

        assertThat(status(id)).isEqualTo(REPAID);
        assertThat(usd(financier)).isEqualTo(LATE_DUE);
        assertThat(usd(buyer)).isZero();
        assertThat(SupplyChainFinance.getReceivableRepaidEvents(r).get(0).late).isTrue();
    }

    @Test
    void holder_records_a_default_only_after_the_grace_period_and_a_later_repayment_settles_it() throws Exception {
        BigInteger id = funded();
        BigInteger defaultableFrom = dueDateOf(id).add(BigInteger.valueOf(GRACE + 1));
        assertRevertsWith("NotYetDefaultable(uint256)", () -> as(financier).markDefaulted(id).send());
        // The last second of the grace period: the transaction's block carries exactly this timestamp.
        chain.control.call("evm_setNextBlockTimestamp", defaultableFrom.longValueExact() - 1);
        assertRevertsWith("NotYetDefaultable(uint256)", () -> as(financier).markDefaulted(id).send());
        assertRevertsWith("NotHolder()", () -> as(supplier).markDefaulted(id).send());

        TransactionReceipt r = as(financier).markDefaulted(id).send();

        assertThat(status(id)).isEqualTo(DEFAULTED);
        assertThat(SupplyChainFinance.getReceivableDefaultedEvents(r).get(0).holder).isEqualToIgnoringCase(financier.getAddress());
        assertRevertsWith("WrongStatus(uint8)", () -> as(financier).markDefaulted(id).send());

        fundWithUsd(buyer, LATE_DUE);
        as(buyer).repay(id).send();
        withdrawUsd(financier);
        assertThat(status(id)).isEqualTo(REPAID);
        assertThat(usd(financier)).isEqualTo(LATE_DUE);
    }

    @Test
    void a_default_needs_an_acknowledged_or_funded_receivable() throws Exception {
        BigInteger unacknowledged = tokenize();
        BigInteger requested = acknowledged();
        as(supplier).applyForFinancing(requested, ADVANCE).send();
        chain.control.increaseTime(THIRTY_DAYS + GRACE + 1);
        assertRevertsWith("WrongStatus(uint8)", () -> as(supplier).markDefaulted(unacknowledged).send());
        assertRevertsWith("NotHolder()", () -> as(supplier).markDefaulted(requested).send());
        as(supplier).cancelFinancing(requested).send();
        as(supplier).markDefaulted(requested).send();
        assertThat(status(requested)).isEqualTo(DEFAULTED);
    }

    @Test
    void tokenising_requires_a_hash_a_future_due_date_another_buyer_and_an_unused_invoice() throws Exception {
        BigInteger due = dueDate();
        byte[] invoice = invoiceHash();
        BigInteger past = BigInteger.valueOf(chain.latestTimestamp());
        assertRevertsWith("InvalidReceivable()", () -> as(supplier).tokenizeReceivable(new byte[32], FACE, due,
                buyer.getAddress()).send());
        assertRevertsWith("InvalidReceivable()", () -> as(supplier).tokenizeReceivable(invoice, FACE, past,
                buyer.getAddress()).send());
        assertRevertsWith("InvalidReceivable()", () -> as(supplier).tokenizeReceivable(invoice, BigInteger.ZERO, due,
                buyer.getAddress()).send());
        assertRevertsWith("InvalidReceivable()", () -> as(supplier).tokenizeReceivable(invoice, FACE, due,
                supplier.getAddress()).send());
        assertRevertsWith("InvalidReceivable()", () -> as(supplier).tokenizeReceivable(invoice, FACE, due,
                NO_ADDRESS).send());
        as(supplier).tokenizeReceivable(invoice, FACE, due, buyer.getAddress()).send();
        assertRevertsWith("InvoiceAlreadyTokenized(bytes32)", () -> as(supplier).tokenizeReceivable(invoice, FACE, due,
                buyer.getAddress()).send());
    }

    @Test
    void the_same_invoice_cannot_be_tokenised_again_by_a_second_supplier_address() throws Exception {
        byte[] invoice = invoiceHash();
        as(supplier).tokenizeReceivable(invoice, FACE, dueDate(), buyer.getAddress()).send();
        Credentials secondAddress = chain.fundedAccount();
        assertRevertsWith("InvoiceAlreadyTokenized(bytes32)", () -> as(secondAddress).tokenizeReceivable(invoice, FACE,
                dueDate(), buyer.getAddress()).send());
    }

    @Test
    void an_invoice_is_financed_once_and_never_tokenised_again_after_repayment() throws Exception {
        BigInteger id = funded();
        byte[] invoice = as(stranger).getReceivable(id).send().invoiceHash;
        assertRevertsWith("WrongStatus(uint8)", () -> as(supplier).applyForFinancing(id, ADVANCE).send());
        fundWithUsd(buyer, FACE);
        as(buyer).repay(id).send();
        assertRevertsWith("WrongStatus(uint8)", () -> as(supplier).applyForFinancing(id, ADVANCE).send());
        assertRevertsWith("InvoiceAlreadyTokenized(bytes32)", () -> as(supplier).tokenizeReceivable(invoice, FACE,
                dueDate(), buyer.getAddress()).send());
    }

    @Test
    void a_receivable_the_buyer_never_acknowledged_cannot_be_financed() throws Exception {
        BigInteger id = tokenize();
        assertRevertsWith("NotAcknowledged()", () -> as(supplier).applyForFinancing(id, ADVANCE).send());
    }

    @Test
    void financing_request_needs_the_owning_supplier_a_sane_amount_and_an_acknowledged_receivable() throws Exception {
        BigInteger id = acknowledged();
        assertRevertsWith("NotSupplier()", () -> as(stranger).applyForFinancing(id, ADVANCE).send());
        assertRevertsWith("InvalidFinancingAmount(uint256,uint256)", () -> as(supplier).applyForFinancing(id, FACE.add(BigInteger.ONE)).send());
        assertRevertsWith("InvalidFinancingAmount(uint256,uint256)", () -> as(supplier).applyForFinancing(id, BigInteger.ZERO).send());
        as(supplier).applyForFinancing(id, ADVANCE).send();
        assertRevertsWith("WrongStatus(uint8)", () -> as(supplier).applyForFinancing(id, ADVANCE).send());
        assertRevertsWith("UnknownReceivable(uint256)", () -> as(supplier).applyForFinancing(BigInteger.valueOf(999), ADVANCE).send());

        BigInteger late = acknowledged();
        chain.control.increaseTime(THIRTY_DAYS + 1);
        assertRevertsWith("PastDueDate(uint256)", () -> as(supplier).applyForFinancing(late, ADVANCE).send());
    }

    @Test
    void funding_needs_a_request_a_third_party_the_agreed_advance_and_time_before_the_due_date() throws Exception {
        BigInteger id = acknowledged();
        fundWithUsd(financier, ADVANCE);
        assertRevertsWith("WrongStatus(uint8)", () -> as(financier).fund(id, ADVANCE).send());
        as(supplier).applyForFinancing(id, ADVANCE).send();
        fundWithUsd(buyer, ADVANCE);
        assertRevertsWith("InvalidReceivable()", () -> as(buyer).fund(id, ADVANCE).send());
        assertRevertsWith("InvalidReceivable()", () -> as(supplier).fund(id, ADVANCE).send());
        assertRevertsWith("FinancingTermsChanged(uint256,uint256)", () -> as(financier).fund(id, ADVANCE.subtract(BigInteger.ONE)).send());
        assertRevertsWith("ERC20InsufficientAllowance(address,uint256,uint256)", () -> as(stranger).fund(id, ADVANCE).send());
        chain.control.increaseTime(THIRTY_DAYS + 1);
        assertRevertsWith("PastDueDate(uint256)", () -> as(financier).fund(id, ADVANCE).send());
        assertThat(usd(supplier)).isZero();
        assertThat(as(stranger).ownerOf(id).send()).isEqualToIgnoringCase(scfAddress);
    }

    @Test
    void a_supplier_cannot_raise_the_advance_under_a_pending_funding() throws Exception {
        BigInteger id = acknowledged();
        as(supplier).applyForFinancing(id, ADVANCE).send();
        fundWithUsd(financier, FACE);
        // The supplier sees the financier's transaction and re-applies for the full face amount before it is mined.
        as(supplier).cancelFinancing(id).send();
        as(supplier).applyForFinancing(id, FACE).send();
        assertRevertsWith("FinancingTermsChanged(uint256,uint256)", () -> as(financier).fund(id, ADVANCE).send());
        assertThat(usd(financier)).isEqualTo(FACE);
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
        chain.control.increaseTime(THIRTY_DAYS + GRACE + 1);
        assertRevertsWith("WrongStatus(uint8)", () -> as(financier).markDefaulted(id).send());
        assertThat(as(stranger).withdrawable(financier.getAddress()).send()).isEqualTo(FACE);
    }

    @Test
    void unknown_receivables_are_rejected_by_every_action() {
        BigInteger id = BigInteger.valueOf(424242);
        assertRevertsWith("UnknownReceivable(uint256)", () -> as(buyer).acknowledgeDebt(id).send());
        assertRevertsWith("UnknownReceivable(uint256)", () -> as(supplier).cancelFinancing(id).send());
        assertRevertsWith("UnknownReceivable(uint256)", () -> as(financier).fund(id, ADVANCE).send());
        assertRevertsWith("UnknownReceivable(uint256)", () -> as(buyer).repay(id).send());
        assertRevertsWith("UnknownReceivable(uint256)", () -> as(financier).markDefaulted(id).send());
        assertRevertsWith("UnknownReceivable(uint256)", () -> as(stranger).repaymentDue(id).send());
    }

    @Test
    void deployment_rejects_a_missing_stablecoin_an_endless_grace_period_and_an_excessive_late_fee() {
        BigInteger grace = BigInteger.valueOf(GRACE);
        assertRevertsWith("InvalidTerms()", () -> SupplyChainFinance.deploy(chain.web3j, chain.txManager(stranger), chain.gas,
                NO_ADDRESS, grace, LATE_FEE_BPS).send());
        assertRevertsWith("InvalidTerms()", () -> SupplyChainFinance.deploy(chain.web3j, chain.txManager(stranger), chain.gas,
                tokenAddress, BigInteger.valueOf(181L * 24 * 3600), LATE_FEE_BPS).send());
        assertRevertsWith("InvalidTerms()", () -> SupplyChainFinance.deploy(chain.web3j, chain.txManager(stranger), chain.gas,
                tokenAddress, grace, BigInteger.valueOf(5_001)).send());
    }

    // --- escrow of the applied token (the first finding) ---

    @Test
    void a_token_sold_after_applying_for_financing_cannot_be_taken_from_its_new_holder() throws Exception {
        BigInteger id = acknowledged();
        as(supplier).applyForFinancing(id, BigInteger.ONE).send();
        Credentials newHolder = chain.fundedAccount();
        assertRevertsWith("ERC721InsufficientApproval(address,uint256)",
                () -> as(supplier).transferFrom(supplier.getAddress(), newHolder.getAddress(), id).send());
        fundWithUsd(financier, BigInteger.ONE);
        as(financier).fund(id, BigInteger.ONE).send();
        assertThat(as(stranger).balanceOf(newHolder.getAddress()).send()).isZero();
        assertThat(as(stranger).ownerOf(id).send()).isEqualToIgnoringCase(financier.getAddress());
    }

    @Test
    void a_supplier_that_sold_its_token_cannot_apply_for_financing() throws Exception {
        BigInteger id = acknowledged();
        Credentials newHolder = chain.fundedAccount();
        as(supplier).transferFrom(supplier.getAddress(), newHolder.getAddress(), id).send();
        assertRevertsWith("NotHolder()", () -> as(supplier).applyForFinancing(id, ADVANCE).send());
    }

    @Test
    void the_applied_token_waits_in_the_contract_and_a_cancelled_request_returns_it() throws Exception {
        BigInteger id = acknowledged();
        as(supplier).applyForFinancing(id, ADVANCE).send();
        assertThat(as(stranger).ownerOf(id).send()).isEqualToIgnoringCase(scfAddress);

        assertRevertsWith("NotSupplier()", () -> as(stranger).cancelFinancing(id).send());
        TransactionReceipt r = as(supplier).cancelFinancing(id).send();

        assertThat(SupplyChainFinance.getFinancingCancelledEvents(r)).hasSize(1);
        assertThat(as(stranger).ownerOf(id).send()).isEqualToIgnoringCase(supplier.getAddress());
        assertThat(status(id)).isEqualTo(ACKNOWLEDGED);
        fundWithUsd(financier, ADVANCE);
        assertRevertsWith("WrongStatus(uint8)", () -> as(financier).fund(id, ADVANCE).send());
        assertRevertsWith("WrongStatus(uint8)", () -> as(supplier).cancelFinancing(id).send());
        assertThat(usd(financier)).isEqualTo(ADVANCE);
    }

    @Test
    void repaying_while_financing_is_requested_returns_token_and_money_to_the_supplier() throws Exception {
        BigInteger id = acknowledged();
        as(supplier).applyForFinancing(id, ADVANCE).send();
        fundWithUsd(buyer, FACE);
        TransactionReceipt r = as(buyer).repay(id).send();
        withdrawUsd(supplier);
        assertThat(usd(supplier)).isEqualTo(FACE);
        assertThat(as(stranger).ownerOf(id).send()).isEqualToIgnoringCase(supplier.getAddress());
        assertThat(SupplyChainFinance.getReceivableRepaidEvents(r).get(0).paidTo).isEqualToIgnoringCase(supplier.getAddress());
    }

    @Test
    void withdrawing_needs_a_credit_and_a_destination() throws Exception {
        assertRevertsWith("NothingToWithdraw()", () -> as(financier).withdraw(financier.getAddress()).send());
        BigInteger id = funded();
        fundWithUsd(buyer, FACE);
        as(buyer).repay(id).send();
        assertRevertsWith("InvalidReceivable()", () -> as(financier).withdraw(NO_ADDRESS).send());
        assertRevertsWith("NothingToWithdraw()", () -> as(supplier).withdraw(supplier.getAddress()).send());
        withdrawUsd(financier);
        assertRevertsWith("NothingToWithdraw()", () -> as(financier).withdraw(financier.getAddress()).send());
    }

    // --- misbehaving stablecoins ---

    @Test
    void a_holder_the_issuer_blocks_cannot_make_the_buyers_repayment_fail() throws Exception {
        BlocklistToken busd = BlocklistToken.deploy(chain.web3j, chain.txManager(stranger), chain.gas).send();
        String scf = deployScf(busd.getContractAddress());
        BigInteger id = acknowledged(scf);
        as(supplier, scf).applyForFinancing(id, ADVANCE).send();
        busd.mint(financier.getAddress(), ADVANCE).send();
        BlocklistToken.load(busd.getContractAddress(), chain.web3j, chain.txManager(financier), chain.gas).approve(scf, ADVANCE).send();
        as(financier, scf).fund(id, ADVANCE).send();
        busd.mint(buyer.getAddress(), FACE).send();
        BlocklistToken.load(busd.getContractAddress(), chain.web3j, chain.txManager(buyer), chain.gas).approve(scf, FACE).send();
        busd.setBlocked(financier.getAddress(), true).send();

        as(buyer, scf).repay(id).send();

        assertThat(as(stranger, scf).getReceivable(id).send().status).isEqualTo(REPAID);
        chain.control.increaseTime(THIRTY_DAYS + GRACE + 1);
        assertRevertsWith("WrongStatus(uint8)", () -> as(financier, scf).markDefaulted(id).send());
        assertRevertsWith("AccountBlocked(address)", () -> as(financier, scf).withdraw(financier.getAddress()).send());
        Credentials financiersOtherAccount = chain.fundedAccount();
        as(financier, scf).withdraw(financiersOtherAccount.getAddress()).send();
        assertThat(busd.balanceOf(financiersOtherAccount.getAddress()).send()).isEqualTo(FACE);
    }

    @Test
    void a_fee_on_transfer_stablecoin_cannot_short_the_supplier_or_the_holder() throws Exception {
        FeeOnTransferToken fee = FeeOnTransferToken.deploy(chain.web3j, chain.txManager(stranger), chain.gas).send();
        String scf = deployScf(fee.getContractAddress());
        BigInteger id = acknowledged(scf);
        as(supplier, scf).applyForFinancing(id, ADVANCE).send();
        fee.mint(financier.getAddress(), ADVANCE.multiply(BigInteger.TWO)).send();
        FeeOnTransferToken.load(fee.getContractAddress(), chain.web3j, chain.txManager(financier), chain.gas)
                .approve(scf, ADVANCE.multiply(BigInteger.TWO)).send();
        assertRevertsWith("TokenAmountMismatch(uint256,uint256)", () -> as(financier, scf).fund(id, ADVANCE).send());

        fee.mint(buyer.getAddress(), FACE.multiply(BigInteger.TWO)).send();
        FeeOnTransferToken.load(fee.getContractAddress(), chain.web3j, chain.txManager(buyer), chain.gas)
                .approve(scf, FACE.multiply(BigInteger.TWO)).send();
        assertRevertsWith("TokenAmountMismatch(uint256,uint256)", () -> as(buyer, scf).repay(id).send());
        assertThat(fee.balanceOf(supplier.getAddress()).send()).isZero();
        assertThat(as(stranger, scf).getReceivable(id).send().status).isEqualTo(REQUESTED);
    }

    @Test
    void a_stablecoin_that_returns_false_fails_funding_and_repayment_instead_of_passing_silently() throws Exception {
        FalseReturningToken quiet = FalseReturningToken.deploy(chain.web3j, chain.txManager(stranger), chain.gas).send();
        String scf = deployScf(quiet.getContractAddress());
        BigInteger id = acknowledged(scf);
        as(supplier, scf).applyForFinancing(id, ADVANCE).send();
        FalseReturningToken.load(quiet.getContractAddress(), chain.web3j, chain.txManager(financier), chain.gas)
                .approve(scf, ADVANCE).send();
        // No balance: the token answers false instead of reverting.
        assertRevertsWith("SafeERC20FailedOperation(address)", () -> as(financier, scf).fund(id, ADVANCE).send());
        quiet.mint(financier.getAddress(), ADVANCE).send();
        as(financier, scf).fund(id, ADVANCE).send();
        assertThat(quiet.balanceOf(supplier.getAddress()).send()).isEqualTo(ADVANCE);

        quiet.mint(buyer.getAddress(), FACE).send();
        FalseReturningToken.load(quiet.getContractAddress(), chain.web3j, chain.txManager(buyer), chain.gas)
                .approve(scf, FACE).send();
        quiet.setRefuseTransfers(true).send();
        assertRevertsWith("SafeERC20FailedOperation(address)", () -> as(buyer, scf).repay(id).send());
        assertThat(as(stranger, scf).getReceivable(id).send().status).isEqualTo(FUNDED);

        quiet.setRefuseTransfers(false).send();
        as(buyer, scf).repay(id).send();
        quiet.setRefuseTransfers(true).send();
        assertRevertsWith("SafeERC20FailedOperation(address)", () -> as(financier, scf).withdraw(financier.getAddress()).send());
        assertThat(as(stranger, scf).withdrawable(financier.getAddress()).send()).isEqualTo(FACE);
    }
}
