package io.custody.contracts;

import static io.custody.contracts.DevChain.assertRevertsWith;
import static io.custody.contracts.DevChain.orderId;
import static org.assertj.core.api.Assertions.assertThat;

import io.custody.contracts.generated.EscrowPayment;
import io.custody.contracts.generated.TestStablecoin;
import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.custody.contracts.fixtures.BlocklistToken;
import io.custody.contracts.fixtures.FalseReturningToken;
import io.custody.contracts.fixtures.FeeOnTransferToken;
import io.custody.contracts.fixtures.ScriptedAccount;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/** Every lifecycle path and every revert of EscrowPayment, on a real Hardhat node, with balances exact to the base unit. */
class EscrowPaymentTest {

    static final BigInteger TIMEOUT = BigInteger.valueOf(7 * 24 * 3600);
    static final BigInteger DELIVERY_TIMEOUT = BigInteger.valueOf(30 * 24 * 3600);
    static final BigInteger DISPUTE_TIMEOUT = BigInteger.valueOf(14 * 24 * 3600);
    static final BigInteger PAID = BigInteger.ONE, SHIPPED = BigInteger.TWO, CONFIRMED = BigInteger.valueOf(3),
            DISPUTED = BigInteger.valueOf(4), REFUNDED = BigInteger.valueOf(5), ARBITRATED = BigInteger.valueOf(6),
            DISPUTE_EXPIRED = BigInteger.valueOf(7), RELEASED = BigInteger.valueOf(8);
    static final BigInteger NATIVE_AMOUNT = new BigInteger("1234567890123456789");
    static final BigInteger USD_AMOUNT = BigInteger.valueOf(250_000_001L); // 250.000001 TUSD
    static final String NO_TOKEN = "0x0000000000000000000000000000000000000000";

    static DevChain chain;
    static String escrowAddress;
    static String tokenAddress;
    static Credentials tokenOwner;
    static Credentials operator;
    static final AtomicInteger ORDERS = new AtomicInteger();

    Credentials buyer, seller, arbitrator, stranger;
    String snapshot;

    @BeforeAll
    static void deploy() throws Exception {
        chain = new DevChain();
        Credentials deployer = chain.fundedAccount();
        tokenOwner = deployer;
        operator = deployer;
        escrowAddress = EscrowPayment.deploy(chain.web3j, chain.txManager(deployer), chain.gas, operator.getAddress(), TIMEOUT,
                DELIVERY_TIMEOUT, DISPUTE_TIMEOUT).send().getContractAddress();
        tokenAddress = TestStablecoin.deploy(chain.web3j, chain.txManager(deployer), chain.gas, deployer.getAddress())
                .send().getContractAddress();
    }

    @AfterAll
    static void stop() {
        chain.close();
    }

    @BeforeEach
    void parties() throws Exception {
        snapshot = chain.control.snapshot();
        buyer = chain.fundedAccount();
        seller = chain.fundedAccount();
        arbitrator = chain.fundedAccount();
        stranger = chain.fundedAccount();
        as(operator).registerArbitrator(arbitrator.getAddress()).send();
    }

    @AfterEach
    void isolate() {
        chain.control.revert(snapshot);
    }

    EscrowPayment as(Credentials c) {
        return EscrowPayment.load(escrowAddress, chain.web3j, chain.txManager(c), chain.gas);
    }

    TestStablecoin token(Credentials c) {
        return TestStablecoin.load(tokenAddress, chain.web3j, chain.txManager(c), chain.gas);
    }

    byte[] nativePayment() throws Exception {
        byte[] id = orderId("order-" + ORDERS.incrementAndGet());
        as(buyer).createPayment(id, seller.getAddress(), arbitrator.getAddress(), NATIVE_AMOUNT).send();
        return id;
    }

    byte[] tokenPayment() throws Exception {
        byte[] id = orderId("token-order-" + ORDERS.incrementAndGet());
        token(tokenOwner).mint(buyer.getAddress(), USD_AMOUNT).send();
        token(buyer).approve(escrowAddress, USD_AMOUNT).send();
        as(buyer).createTokenPayment(id, seller.getAddress(), arbitrator.getAddress(), tokenAddress, USD_AMOUNT, BigInteger.ZERO).send();
        return id;
    }

    BigInteger status(byte[] id) throws Exception {
        return as(stranger).getPayment(buyer.getAddress(), id).send().status;
    }

    BigInteger usd(Credentials c) throws Exception {
        return token(stranger).balanceOf(c.getAddress()).send();
    }

    /** Withdraws the whole credit of {@code c} in the test token to its own address. */
    void withdrawUsd(Credentials c) throws Exception {
        as(c).withdraw(tokenAddress, c.getAddress()).send();
    }

    /** Withdraws the whole native credit of {@code c} to a fresh address (so gas does not blur it) and returns what arrived. */
    BigInteger nativePaidOut(Credentials c) throws Exception {
        String payee = Credentials.create(org.web3j.crypto.Keys.createEcKeyPair()).getAddress();
        as(c).withdraw(NO_TOKEN, payee).send();
        return chain.ethBalance(payee);
    }

    BigInteger credit(String token, Credentials c) throws Exception {
        return as(stranger).withdrawable(token, c.getAddress()).send();
    }

    /** ABI-encoded call data, for payments driven through a {@link ScriptedAccount}. */
    static byte[] callData(String function, Type<?>... args) {
        return Numeric.hexStringToByteArray(FunctionEncoder.encode(new Function(function, List.of(args), List.of())));
    }

    @Test
    void native_payment_is_held_by_the_escrow_and_recorded_with_its_parties() throws Exception {
        BigInteger escrowBefore = chain.ethBalance(escrowAddress);
        byte[] id = orderId("created-" + ORDERS.incrementAndGet());
        TransactionReceipt r = as(buyer).createPayment(id, seller.getAddress(), arbitrator.getAddress(), NATIVE_AMOUNT).send();

        assertThat(chain.ethBalance(escrowAddress).subtract(escrowBefore)).isEqualTo(NATIVE_AMOUNT);
        EscrowPayment.Payment p = as(stranger).getPayment(buyer.getAddress(), id).send();
        assertThat(p.buyer).isEqualToIgnoringCase(buyer.getAddress());
        assertThat(p.seller).isEqualToIgnoringCase(seller.getAddress());
        assertThat(p.arbitrator).isEqualToIgnoringCase(arbitrator.getAddress());
        assertThat(p.token).isEqualTo(NO_TOKEN);
        assertThat(p.amount).isEqualTo(NATIVE_AMOUNT);
        assertThat(p.status).isEqualTo(PAID);
        var events = EscrowPayment.getPaymentCreatedEvents(r);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).orderId).isEqualTo(id);
        assertThat(events.get(0).amount).isEqualTo(NATIVE_AMOUNT);
    }

    @Test
    void shipped_then_confirmed_native_payment_pays_the_seller_exactly() throws Exception {
        byte[] id = nativePayment();
        TransactionReceipt shipped = as(seller).markShipped(buyer.getAddress(), id).send();
        assertThat(EscrowPayment.getPaymentShippedEvents(shipped)).hasSize(1);
        assertThat(status(id)).isEqualTo(SHIPPED);

        TransactionReceipt r = as(buyer).confirmDelivery(buyer.getAddress(), id).send();
        assertThat(credit(NO_TOKEN, seller)).isEqualTo(NATIVE_AMOUNT);
        var credited = EscrowPayment.getPayoutCreditedEvents(r).get(0);
        assertThat(credited.account).isEqualToIgnoringCase(seller.getAddress());
        assertThat(credited.amount).isEqualTo(NATIVE_AMOUNT);

        BigInteger escrowBefore = chain.ethBalance(escrowAddress);
        assertThat(nativePaidOut(seller)).isEqualTo(NATIVE_AMOUNT);
        assertThat(escrowBefore.subtract(chain.ethBalance(escrowAddress))).isEqualTo(NATIVE_AMOUNT);
        assertThat(credit(NO_TOKEN, seller)).isZero();
        assertRevertsWith("NothingToWithdraw()", () -> as(seller).withdraw(NO_TOKEN, seller.getAddress()).send());
        assertThat(status(id)).isEqualTo(CONFIRMED);
        assertThat(EscrowPayment.getDeliveryConfirmedEvents(r).get(0).paidToSeller).isEqualTo(NATIVE_AMOUNT);
    }

    @Test
    void token_payment_confirmed_without_shipping_moves_exact_base_units_to_the_seller() throws Exception {
        byte[] id = tokenPayment();
        assertThat(usd(buyer)).isZero();
        assertThat(token(stranger).balanceOf(escrowAddress).send()).isEqualTo(USD_AMOUNT);

        as(buyer).confirmDelivery(buyer.getAddress(), id).send();
        assertThat(usd(seller)).isZero();
        TransactionReceipt w = as(seller).withdraw(tokenAddress, seller.getAddress()).send();

        assertThat(usd(seller)).isEqualTo(USD_AMOUNT);
        assertThat(EscrowPayment.getWithdrawnEvents(w).get(0).amount).isEqualTo(USD_AMOUNT);
        assertThat(token(stranger).balanceOf(escrowAddress).send()).isZero();
        assertThat(status(id)).isEqualTo(CONFIRMED);
    }

    @Test
    void disputed_token_payment_is_split_by_the_arbitrator() throws Exception {
        byte[] id = tokenPayment();
        as(seller).markShipped(buyer.getAddress(), id).send();
        TransactionReceipt d = as(buyer).raiseDispute(buyer.getAddress(), id, "goods damaged").send();
        var raised = EscrowPayment.getDisputeRaisedEvents(d).get(0);
        assertThat(raised.reason).isEqualTo("goods damaged");
        assertThat(raised.raisedBy).isEqualToIgnoringCase(buyer.getAddress());
        assertThat(status(id)).isEqualTo(DISPUTED);

        BigInteger buyerShare = BigInteger.valueOf(100_000_000L);
        BigInteger sellerShare = USD_AMOUNT.subtract(buyerShare);
        TransactionReceipt r = as(arbitrator).arbitrate(buyer.getAddress(), id, buyerShare, sellerShare).send();
        withdrawUsd(buyer);
        withdrawUsd(seller);

        assertThat(usd(buyer)).isEqualTo(buyerShare);
        assertThat(usd(seller)).isEqualTo(sellerShare);
        assertThat(status(id)).isEqualTo(ARBITRATED);
        var ev = EscrowPayment.getDisputeArbitratedEvents(r).get(0);
        assertThat(ev.buyerShare).isEqualTo(buyerShare);
        assertThat(ev.sellerShare).isEqualTo(sellerShare);
    }

    @Test
    void seller_may_raise_a_dispute_and_native_split_pays_both_sides_exactly() throws Exception {
        byte[] id = nativePayment();
        as(seller).raiseDispute(buyer.getAddress(), id, "buyer unreachable").send();
        as(arbitrator).arbitrate(buyer.getAddress(), id, NATIVE_AMOUNT, BigInteger.ZERO).send();

        assertThat(credit(NO_TOKEN, seller)).isZero();
        assertThat(nativePaidOut(buyer)).isEqualTo(NATIVE_AMOUNT);
    }

    @Test
    void unshipped_payment_is_refunded_to_the_buyer_only_after_the_timeout() throws Exception {
        byte[] id = nativePayment();
        assertRevertsWith("RefundTimeoutNotReached(uint256)", () -> as(buyer).refundAfterTimeout(buyer.getAddress(), id).send());

        chain.control.increaseTime(TIMEOUT.longValueExact());
        TransactionReceipt r = as(buyer).refundAfterTimeout(buyer.getAddress(), id).send();

        assertThat(nativePaidOut(buyer)).isEqualTo(NATIVE_AMOUNT);
        assertThat(status(id)).isEqualTo(REFUNDED);
        assertThat(EscrowPayment.getPaymentRefundedEvents(r).get(0).amount).isEqualTo(NATIVE_AMOUNT);
    }

    @Test
    void token_refund_after_timeout_returns_exact_base_units() throws Exception {
        byte[] id = tokenPayment();
        chain.control.increaseTime(TIMEOUT.longValueExact());
        as(buyer).refundAfterTimeout(buyer.getAddress(), id).send();
        withdrawUsd(buyer);
        assertThat(usd(buyer)).isEqualTo(USD_AMOUNT);
        assertThat(status(id)).isEqualTo(REFUNDED);
    }

    @Test
    void creation_rejects_zero_value_duplicate_orders_and_invalid_parties() throws Exception {
        byte[] id = nativePayment();
        assertRevertsWith("OrderAlreadyExists(address,bytes32)",
                () -> as(buyer).createPayment(id, seller.getAddress(), arbitrator.getAddress(), NATIVE_AMOUNT).send());
        assertRevertsWith("ZeroAmount()",
                () -> as(buyer).createPayment(orderId("zero"), seller.getAddress(), arbitrator.getAddress(), BigInteger.ZERO).send());
        assertRevertsWith("InvalidParty()",
                () -> as(buyer).createPayment(orderId("self"), buyer.getAddress(), arbitrator.getAddress(), NATIVE_AMOUNT).send());
        assertRevertsWith("InvalidParty()",
                () -> as(buyer).createPayment(orderId("self-arb"), seller.getAddress(), seller.getAddress(), NATIVE_AMOUNT).send());
        assertRevertsWith("InvalidParty()",
                () -> as(buyer).createPayment(orderId("no-seller"), NO_TOKEN, arbitrator.getAddress(), NATIVE_AMOUNT).send());
        assertRevertsWith("InvalidParty()",
                () -> as(buyer).createPayment(orderId("no-arb"), seller.getAddress(), NO_TOKEN, NATIVE_AMOUNT).send());
        as(operator).registerArbitrator(buyer.getAddress()).send();
        assertRevertsWith("InvalidParty()",
                () -> as(buyer).createPayment(orderId("buyer-arb"), seller.getAddress(), buyer.getAddress(), NATIVE_AMOUNT).send());
        assertRevertsWith("InvalidParty()", () -> as(buyer).createTokenPayment(orderId("no-token"), seller.getAddress(),
                arbitrator.getAddress(), NO_TOKEN, USD_AMOUNT, BigInteger.ZERO).send());
    }

    @Test
    void token_creation_rejects_native_value_zero_amount_and_missing_allowance() throws Exception {
        token(tokenOwner).mint(buyer.getAddress(), USD_AMOUNT).send();
        assertRevertsWith("UnexpectedNativeValue()", () -> as(buyer).createTokenPayment(orderId("t1"), seller.getAddress(),
                arbitrator.getAddress(), tokenAddress, USD_AMOUNT, BigInteger.ONE).send());
        assertRevertsWith("ZeroAmount()", () -> as(buyer).createTokenPayment(orderId("t2"), seller.getAddress(),
                arbitrator.getAddress(), tokenAddress, BigInteger.ZERO, BigInteger.ZERO).send());
        assertRevertsWith("ERC20InsufficientAllowance(address,uint256,uint256)", () -> as(buyer).createTokenPayment(
                orderId("t3"), seller.getAddress(), arbitrator.getAddress(), tokenAddress, USD_AMOUNT, BigInteger.ZERO).send());
        assertThat(usd(buyer)).isEqualTo(USD_AMOUNT);
    }

    @Test
    void only_the_seller_ships_and_only_once() throws Exception {
        byte[] id = nativePayment();
        assertRevertsWith("NotSeller()", () -> as(buyer).markShipped(buyer.getAddress(), id).send());
        as(seller).markShipped(buyer.getAddress(), id).send();
        assertRevertsWith("WrongStatus(uint8)", () -> as(seller).markShipped(buyer.getAddress(), id).send());
    }

    @Test
    void only_the_buyer_confirms_and_a_settled_payment_cannot_be_confirmed_again() throws Exception {
        byte[] id = nativePayment();
        assertRevertsWith("NotBuyer()", () -> as(seller).confirmDelivery(buyer.getAddress(), id).send());
        assertRevertsWith("NotBuyer()", () -> as(stranger).confirmDelivery(buyer.getAddress(), id).send());
        as(buyer).confirmDelivery(buyer.getAddress(), id).send();
        assertRevertsWith("WrongStatus(uint8)", () -> as(buyer).confirmDelivery(buyer.getAddress(), id).send());
    }

    @Test
    void disputes_come_only_from_the_parties_and_only_before_settlement() throws Exception {
        byte[] id = nativePayment();
        assertRevertsWith("NotParty()", () -> as(stranger).raiseDispute(buyer.getAddress(), id, "x").send());
        assertRevertsWith("NotParty()", () -> as(arbitrator).raiseDispute(buyer.getAddress(), id, "x").send());
        as(buyer).raiseDispute(buyer.getAddress(), id, "late").send();
        assertRevertsWith("WrongStatus(uint8)", () -> as(seller).raiseDispute(buyer.getAddress(), id, "again").send());
        assertRevertsWith("WrongStatus(uint8)", () -> as(buyer).confirmDelivery(buyer.getAddress(), id).send());
        assertRevertsWith("WrongStatus(uint8)", () -> as(seller).markShipped(buyer.getAddress(), id).send());
    }

    @Test
    void arbitration_needs_the_arbitrator_a_dispute_and_shares_that_add_up() throws Exception {
        byte[] id = nativePayment();
        assertRevertsWith("WrongStatus(uint8)", () -> as(arbitrator).arbitrate(buyer.getAddress(), id, NATIVE_AMOUNT, BigInteger.ZERO).send());
        as(buyer).raiseDispute(buyer.getAddress(), id, "x").send();
        assertRevertsWith("NotArbitrator()", () -> as(buyer).arbitrate(buyer.getAddress(), id, NATIVE_AMOUNT, BigInteger.ZERO).send());
        assertRevertsWith("SharesDoNotAddUp(uint256,uint256,uint256)",
                () -> as(arbitrator).arbitrate(buyer.getAddress(), id, NATIVE_AMOUNT, BigInteger.ONE).send());
        assertRevertsWith("SharesDoNotAddUp(uint256,uint256,uint256)",
                () -> as(arbitrator).arbitrate(buyer.getAddress(), id, BigInteger.ONE, BigInteger.ONE).send());
        as(arbitrator).arbitrate(buyer.getAddress(), id, BigInteger.ONE, NATIVE_AMOUNT.subtract(BigInteger.ONE)).send();
        assertRevertsWith("WrongStatus(uint8)", () -> as(arbitrator).arbitrate(buyer.getAddress(), id, NATIVE_AMOUNT, BigInteger.ZERO).send());
    }

    @Test
    void refund_is_for_the_buyer_of_an_unshipped_payment_only() throws Exception {
        byte[] id = nativePayment();
        chain.control.increaseTime(TIMEOUT.longValueExact());
        assertRevertsWith("NotBuyer()", () -> as(seller).refundAfterTimeout(buyer.getAddress(), id).send());
        byte[] shipped = nativePayment();
        as(seller).markShipped(buyer.getAddress(), shipped).send();
        chain.control.increaseTime(TIMEOUT.longValueExact());
        assertRevertsWith("WrongStatus(uint8)", () -> as(buyer).refundAfterTimeout(buyer.getAddress(), shipped).send());
    }

    @Test
    void the_revert_check_itself_fails_when_the_contract_reverts_for_another_reason() throws Exception {
        byte[] id = nativePayment();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> assertRevertsWith("NotSeller()", () -> as(seller).confirmDelivery(buyer.getAddress(), id).send()))
                .isInstanceOf(AssertionError.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> assertRevertsWith("NotBuyer()", () -> as(seller).markShipped(buyer.getAddress(), id).send()))
                .isInstanceOf(AssertionError.class);
    }

    // --- review findings, reproduced against the first version of the contract ---

    @Test
    void buyer_cannot_name_its_own_second_address_as_arbitrator() throws Exception {
        Credentials buyersOtherKey = chain.fundedAccount();
        assertRevertsWith("ArbitratorNotRegistered(address)", () -> as(buyer).createPayment(orderId("self-judged"),
                seller.getAddress(), buyersOtherKey.getAddress(), NATIVE_AMOUNT).send());
    }

    @Test
    void seller_cannot_mark_shipped_after_the_refund_timeout() throws Exception {
        byte[] id = nativePayment();
        chain.control.increaseTime(TIMEOUT.longValueExact());
        assertRevertsWith("ShippingDeadlinePassed(uint256)", () -> as(seller).markShipped(buyer.getAddress(), id).send());
    }

    @Test
    void a_stranger_cannot_squat_the_order_id_a_buyer_is_about_to_use() throws Exception {
        byte[] id = orderId("squatted-" + ORDERS.incrementAndGet());
        as(stranger).createPayment(id, seller.getAddress(), arbitrator.getAddress(), BigInteger.ONE).send();
        as(buyer).createPayment(id, seller.getAddress(), arbitrator.getAddress(), NATIVE_AMOUNT).send();
        assertThat(as(stranger).getPayment(buyer.getAddress(), id).send().amount).isEqualTo(NATIVE_AMOUNT);
        assertThat(as(stranger).getPayment(stranger.getAddress(), id).send().amount).isEqualTo(BigInteger.ONE);
        assertThat(as(stranger).paymentKey(buyer.getAddress(), id).send())
                .isNotEqualTo(as(stranger).paymentKey(stranger.getAddress(), id).send());
    }

    @Test
    void a_blocklisted_seller_does_not_block_the_buyers_confirmation_and_withdraws_elsewhere() throws Exception {
        BlocklistToken busd = BlocklistToken.deploy(chain.web3j, chain.txManager(stranger), chain.gas).send();
        busd.mint(buyer.getAddress(), USD_AMOUNT).send();
        BlocklistToken.load(busd.getContractAddress(), chain.web3j, chain.txManager(buyer), chain.gas)
                .approve(escrowAddress, USD_AMOUNT).send();
        byte[] id = orderId("blocked-" + ORDERS.incrementAndGet());
        as(buyer).createTokenPayment(id, seller.getAddress(), arbitrator.getAddress(), busd.getContractAddress(), USD_AMOUNT,
                BigInteger.ZERO).send();
        as(seller).markShipped(buyer.getAddress(), id).send();
        busd.setBlocked(seller.getAddress(), true).send();

        as(buyer).confirmDelivery(buyer.getAddress(), id).send();

        assertThat(status(id)).isEqualTo(CONFIRMED);
        assertRevertsWith("AccountBlocked(address)",
                () -> as(seller).withdraw(busd.getContractAddress(), seller.getAddress()).send());
        Credentials sellersOtherAccount = chain.fundedAccount();
        as(seller).withdraw(busd.getContractAddress(), sellersOtherAccount.getAddress()).send();
        assertThat(busd.balanceOf(sellersOtherAccount.getAddress()).send()).isEqualTo(USD_AMOUNT);
    }

    @Test
    void a_buyer_contract_that_rejects_eth_cannot_block_the_arbitrated_split() throws Exception {
        ScriptedAccount wallet = ScriptedAccount.deploy(chain.web3j, chain.txManager(buyer), chain.gas).send();
        String walletAddress = wallet.getContractAddress();
        byte[] id = orderId("rejecting-" + ORDERS.incrementAndGet());
        wallet.execute(escrowAddress, NATIVE_AMOUNT, callData("createPayment", new Bytes32(id), new Address(seller.getAddress()),
                new Address(arbitrator.getAddress())), NATIVE_AMOUNT).send();
        as(seller).markShipped(walletAddress, id).send();
        as(seller).raiseDispute(walletAddress, id, "buyer refuses the goods").send();
        wallet.setAcceptsNative(false).send();
        BigInteger sellerShare = NATIVE_AMOUNT.multiply(BigInteger.valueOf(7)).divide(BigInteger.TEN);
        BigInteger buyerShare = NATIVE_AMOUNT.subtract(sellerShare);

        as(arbitrator).arbitrate(walletAddress, id, buyerShare, sellerShare).send();

        assertThat(as(stranger).getPayment(walletAddress, id).send().status).isEqualTo(ARBITRATED);
        assertThat(nativePaidOut(seller)).isEqualTo(sellerShare);
        assertRevertsWith("NativeTransferFailed(address)", () -> wallet.execute(escrowAddress, BigInteger.ZERO,
                callData("withdraw", new Address(NO_TOKEN), new Address(walletAddress)), BigInteger.ZERO).send());
        String payee = chain.fundedAccount().getAddress();
        BigInteger payeeBefore = chain.ethBalance(payee);
        wallet.execute(escrowAddress, BigInteger.ZERO, callData("withdraw", new Address(NO_TOKEN), new Address(payee)),
                BigInteger.ZERO).send();
        assertThat(chain.ethBalance(payee).subtract(payeeBefore)).isEqualTo(buyerShare);
    }

    @Test
    void a_fee_on_transfer_token_cannot_leave_the_escrow_short() throws Exception {
        FeeOnTransferToken fee = FeeOnTransferToken.deploy(chain.web3j, chain.txManager(stranger), chain.gas).send();
        fee.mint(buyer.getAddress(), USD_AMOUNT).send();
        FeeOnTransferToken.load(fee.getContractAddress(), chain.web3j, chain.txManager(buyer), chain.gas)
                .approve(escrowAddress, USD_AMOUNT).send();
        byte[] id = orderId("fee-" + ORDERS.incrementAndGet());
        assertRevertsWith("TokenAmountMismatch(uint256,uint256)", () -> as(buyer).createTokenPayment(id, seller.getAddress(),
                arbitrator.getAddress(), fee.getContractAddress(), USD_AMOUNT, BigInteger.ZERO).send());
        assertThat(fee.balanceOf(buyer.getAddress()).send()).isEqualTo(USD_AMOUNT);
        assertThat(as(stranger).getPayment(buyer.getAddress(), id).send().status).isZero();
    }

    @Test
    void a_token_that_returns_false_neither_opens_a_payment_nor_loses_a_credit() throws Exception {
        FalseReturningToken quiet = FalseReturningToken.deploy(chain.web3j, chain.txManager(stranger), chain.gas).send();
        FalseReturningToken asBuyer = FalseReturningToken.load(quiet.getContractAddress(), chain.web3j, chain.txManager(buyer), chain.gas);
        asBuyer.approve(escrowAddress, USD_AMOUNT).send();
        byte[] id = orderId("quiet-" + ORDERS.incrementAndGet());
        // The buyer holds nothing: transferFrom answers false instead of reverting.
        assertRevertsWith("SafeERC20FailedOperation(address)", () -> as(buyer).createTokenPayment(id, seller.getAddress(),
                arbitrator.getAddress(), quiet.getContractAddress(), USD_AMOUNT, BigInteger.ZERO).send());

        quiet.mint(buyer.getAddress(), USD_AMOUNT).send();
        as(buyer).createTokenPayment(id, seller.getAddress(), arbitrator.getAddress(), quiet.getContractAddress(), USD_AMOUNT,
                BigInteger.ZERO).send();
        as(buyer).confirmDelivery(buyer.getAddress(), id).send();
        quiet.setRefuseTransfers(true).send();
        assertRevertsWith("SafeERC20FailedOperation(address)",
                () -> as(seller).withdraw(quiet.getContractAddress(), seller.getAddress()).send());
        assertThat(credit(quiet.getContractAddress(), seller)).isEqualTo(USD_AMOUNT);

        quiet.setRefuseTransfers(false).send();
        as(seller).withdraw(quiet.getContractAddress(), seller.getAddress()).send();
        assertThat(quiet.balanceOf(seller.getAddress()).send()).isEqualTo(USD_AMOUNT);
    }

    @Test
    void withdrawing_needs_a_credit_and_a_destination() throws Exception {
        assertRevertsWith("NothingToWithdraw()", () -> as(stranger).withdraw(NO_TOKEN, stranger.getAddress()).send());
        assertRevertsWith("NothingToWithdraw()", () -> as(stranger).withdraw(tokenAddress, stranger.getAddress()).send());
        byte[] id = nativePayment();
        as(buyer).confirmDelivery(buyer.getAddress(), id).send();
        assertRevertsWith("InvalidParty()", () -> as(seller).withdraw(NO_TOKEN, NO_TOKEN).send());
        assertRevertsWith("NothingToWithdraw()", () -> as(seller).withdraw(tokenAddress, seller.getAddress()).send());
    }

    @Test
    void timeouts_outside_an_hour_to_a_year_are_rejected_at_deployment() throws Exception {
        BigInteger tooLong = BigInteger.valueOf(366L * 24 * 3600);
        BigInteger d = DELIVERY_TIMEOUT;
        for (BigInteger[] t : new BigInteger[][] {{BigInteger.ZERO, d, DISPUTE_TIMEOUT}, {TIMEOUT, d, BigInteger.ZERO},
                {TIMEOUT, BigInteger.ZERO, DISPUTE_TIMEOUT}, {tooLong, d, DISPUTE_TIMEOUT}, {TIMEOUT, tooLong, DISPUTE_TIMEOUT},
                {TIMEOUT, d, tooLong}, {BigInteger.valueOf(3599), d, DISPUTE_TIMEOUT}}) {
            assertRevertsWith("InvalidTimeout(uint256,uint256,uint256)", () -> EscrowPayment.deploy(chain.web3j,
                    chain.txManager(stranger), chain.gas, operator.getAddress(), t[0], t[1], t[2]).send());
        }
        EscrowPayment.deploy(chain.web3j, chain.txManager(stranger), chain.gas, operator.getAddress(),
                BigInteger.valueOf(3600), BigInteger.valueOf(365L * 24 * 3600), BigInteger.valueOf(3600)).send();
    }

    @Test
    void only_the_operator_keeps_the_arbitrator_registry() throws Exception {
        assertRevertsWith("OwnableUnauthorizedAccount(address)",
                () -> as(buyer).registerArbitrator(buyer.getAddress()).send());
        assertRevertsWith("OwnableUnauthorizedAccount(address)",
                () -> as(arbitrator).removeArbitrator(arbitrator.getAddress()).send());
        assertRevertsWith("InvalidParty()", () -> as(operator).registerArbitrator(NO_TOKEN).send());
        assertThat(as(stranger).isArbitrator(arbitrator.getAddress()).send()).isTrue();
        assertThat(as(stranger).isArbitrator(buyer.getAddress()).send()).isFalse();
    }

    @Test
    void a_removed_arbitrator_cannot_decide_and_its_dispute_runs_into_the_fallback() throws Exception {
        byte[] id = nativePayment();
        as(buyer).raiseDispute(buyer.getAddress(), id, "x").send();
        as(operator).removeArbitrator(arbitrator.getAddress()).send();
        assertRevertsWith("NotArbitrator()", () -> as(arbitrator).arbitrate(buyer.getAddress(), id, NATIVE_AMOUNT, BigInteger.ZERO).send());
        chain.control.increaseTime(DISPUTE_TIMEOUT.longValueExact());
        as(stranger).resolveExpiredDispute(buyer.getAddress(), id).send();
        assertThat(status(id)).isEqualTo(DISPUTE_EXPIRED);
    }

    @Test
    void an_undecided_dispute_over_an_unshipped_order_returns_everything_to_the_buyer_at_the_deadline() throws Exception {
        byte[] id = tokenPayment();
        as(buyer).raiseDispute(buyer.getAddress(), id, "nothing arrived").send();
        assertRevertsWith("DisputeDeadlineNotReached(uint256)", () -> as(buyer).resolveExpiredDispute(buyer.getAddress(), id).send());

        chain.control.increaseTime(DISPUTE_TIMEOUT.longValueExact());
        assertRevertsWith("DisputeDeadlinePassed(uint256)",
                () -> as(arbitrator).arbitrate(buyer.getAddress(), id, BigInteger.ZERO, USD_AMOUNT).send());
        TransactionReceipt r = as(stranger).resolveExpiredDispute(buyer.getAddress(), id).send();
        withdrawUsd(buyer);
        assertRevertsWith("NothingToWithdraw()", () -> withdrawUsd(seller));

        assertThat(usd(buyer)).isEqualTo(USD_AMOUNT);
        assertThat(usd(seller)).isZero();
        assertThat(status(id)).isEqualTo(DISPUTE_EXPIRED);
        var ev = EscrowPayment.getDisputeExpiredEvents(r).get(0);
        assertThat(ev.buyerShare).isEqualTo(USD_AMOUNT);
        assertThat(ev.sellerShare).isZero();
        assertRevertsWith("WrongStatus(uint8)", () -> as(stranger).resolveExpiredDispute(buyer.getAddress(), id).send());
    }

    @Test
    void an_undecided_dispute_over_a_shipped_order_is_split_in_half_at_the_deadline() throws Exception {
        byte[] id = tokenPayment();
        as(seller).markShipped(buyer.getAddress(), id).send();
        as(buyer).raiseDispute(buyer.getAddress(), id, "damaged").send();
        chain.control.increaseTime(DISPUTE_TIMEOUT.longValueExact());
        as(seller).resolveExpiredDispute(buyer.getAddress(), id).send();
        withdrawUsd(buyer);
        withdrawUsd(seller);
        BigInteger half = USD_AMOUNT.divide(BigInteger.TWO);
        assertThat(usd(buyer)).isEqualTo(half);
        assertThat(usd(seller)).isEqualTo(USD_AMOUNT.subtract(half)); // the odd base unit goes to the seller
    }

    @Test
    void a_buyer_that_neither_confirms_nor_disputes_cannot_keep_a_shipped_payment_locked() throws Exception {
        byte[] id = tokenPayment();
        as(seller).markShipped(buyer.getAddress(), id).send();
        assertRevertsWith("DeliveryWindowOpen(uint256)", () -> as(seller).releaseAfterTimeout(buyer.getAddress(), id).send());
        chain.control.increaseTime(DELIVERY_TIMEOUT.longValueExact());
        assertRevertsWith("DeliveryWindowClosed(uint256)",
                () -> as(buyer).raiseDispute(buyer.getAddress(), id, "too late").send());

        TransactionReceipt r = as(stranger).releaseAfterTimeout(buyer.getAddress(), id).send();

        assertThat(status(id)).isEqualTo(RELEASED);
        assertThat(EscrowPayment.getPaymentReleasedEvents(r).get(0).paidToSeller).isEqualTo(USD_AMOUNT);
        withdrawUsd(seller);
        assertThat(usd(seller)).isEqualTo(USD_AMOUNT);
        assertRevertsWith("WrongStatus(uint8)", () -> as(seller).releaseAfterTimeout(buyer.getAddress(), id).send());
        byte[] unshipped = nativePayment();
        assertRevertsWith("WrongStatus(uint8)", () -> as(seller).releaseAfterTimeout(buyer.getAddress(), unshipped).send());
        assertRevertsWith("UnknownOrder(address,bytes32)",
                () -> as(seller).releaseAfterTimeout(buyer.getAddress(), orderId("never")).send());
    }

    @Test
    void a_seller_that_never_shipped_cannot_stall_a_due_refund_with_a_dispute() throws Exception {
        byte[] id = nativePayment();
        chain.control.increaseTime(TIMEOUT.longValueExact());
        assertRevertsWith("ShippingDeadlinePassed(uint256)", () -> as(seller).raiseDispute(buyer.getAddress(), id, "stall").send());
        as(buyer).refundAfterTimeout(buyer.getAddress(), id).send();
        assertThat(status(id)).isEqualTo(REFUNDED);
    }

    @Test
    void unknown_orders_are_rejected_by_every_action() {
        byte[] id = orderId("never-created");
        assertRevertsWith("UnknownOrder(address,bytes32)", () -> as(seller).markShipped(buyer.getAddress(), id).send());
        assertRevertsWith("UnknownOrder(address,bytes32)", () -> as(buyer).confirmDelivery(buyer.getAddress(), id).send());
        assertRevertsWith("UnknownOrder(address,bytes32)", () -> as(buyer).raiseDispute(buyer.getAddress(), id, "x").send());
        assertRevertsWith("UnknownOrder(address,bytes32)", () -> as(arbitrator).arbitrate(buyer.getAddress(), id, BigInteger.ZERO, BigInteger.ZERO).send());
        assertRevertsWith("UnknownOrder(address,bytes32)", () -> as(buyer).refundAfterTimeout(buyer.getAddress(), id).send());
        assertRevertsWith("UnknownOrder(address,bytes32)", () -> as(buyer).resolveExpiredDispute(buyer.getAddress(), id).send());
        // An order id is not found under another buyer's address either.
        assertRevertsWith("UnknownOrder(address,bytes32)", () -> as(seller).markShipped(stranger.getAddress(), id).send());
    }
}
