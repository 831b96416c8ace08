package io.custody.command.wallet;

import static io.custody.command.wallet.WalletFixtures.ALICE;
import static io.custody.command.wallet.WalletFixtures.ID;
import static io.custody.command.wallet.WalletFixtures.NOW;
import static io.custody.command.wallet.WalletFixtures.P1;
import static io.custody.command.wallet.WalletFixtures.USDC;
import static io.custody.command.wallet.WalletFixtures.activated;
import static io.custody.command.wallet.WalletFixtures.created;
import static io.custody.command.wallet.WalletFixtures.propose;

import io.custody.api.deposit.ConfirmDeposit;
import io.custody.api.deposit.DepositConfirmed;
import io.custody.api.deposit.DepositCredited;
import io.custody.api.deposit.DepositId;
import io.custody.api.deposit.DepositRetracted;
import io.custody.api.deposit.DepositReversed;
import io.custody.api.deposit.IncomingDepositSeen;
import io.custody.api.deposit.RecordIncomingDeposit;
import io.custody.api.deposit.RetractDeposit;
import io.custody.api.error.Reason;
import io.custody.api.money.Amount;
import io.custody.api.wallet.WalletId;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Deposits below the confirmation depth (pending incoming) and deposits a reorganisation takes back. */
class DepositReorgTest {

    private static final DepositId TX = new DepositId("evm:0xabc:0");
    private static final Amount FIVE = Amount.of(5_000);
    private static final String REORG = "block 0x12 left the canonical chain";

    @Test
    void a_deposit_below_the_depth_is_recorded_as_pending_and_not_credited() {
        new Workflow().given(created(), activated())
                .when(new RecordIncomingDeposit(ID, TX, USDC, FIVE))
                .expectEvents(new IncomingDepositSeen(ID, TX, USDC, FIVE, NOW));
    }

    @Test
    void a_pending_deposit_seen_again_changes_nothing() {
        new Workflow().given(created(), activated(), new IncomingDepositSeen(ID, TX, USDC, FIVE, NOW))
                .when(new RecordIncomingDeposit(ID, TX, USDC, FIVE))
                .expectNoEvents();
    }

    @Test
    void a_pending_deposit_is_credited_once_it_reaches_the_depth() {
        Workflow workflow = new Workflow().given(created(), activated(), new IncomingDepositSeen(ID, TX, USDC, FIVE, NOW));
        workflow.when(new ConfirmDeposit(ID, TX, USDC, FIVE))
                .expectEvents(new DepositCredited(ID, TX, USDC, FIVE, NOW), new DepositConfirmed(ID, TX, USDC, FIVE, NOW));
        workflow.when(new ConfirmDeposit(ID, TX, USDC, FIVE)).expectNoEvents();
    }

    @Test
    void a_pending_deposit_confirmed_with_another_amount_is_refused() {
        new Workflow().given(created(), activated(), new IncomingDepositSeen(ID, TX, USDC, FIVE, NOW))
                .when(new ConfirmDeposit(ID, TX, USDC, Amount.of(5_001)))
                .expectRejection(Reason.IDEMPOTENCY_KEY_REUSED);
    }

    @Test
    void a_pending_deposit_retracted_by_a_reorg_leaves_the_wallet_untouched() {
        new Workflow().given(created(), activated(), new IncomingDepositSeen(ID, TX, USDC, FIVE, NOW))
                .when(new RetractDeposit(ID, TX, REORG))
                .expectEvents(new DepositRetracted(ID, TX, USDC, FIVE, false, REORG, NOW));
    }

    @Test
    void a_credited_deposit_retracted_by_a_reorg_is_reversed_on_the_wallet_once() {
        Workflow workflow = new Workflow().given(created(), activated(), new DepositCredited(ID, TX, USDC, FIVE, NOW),
                new DepositConfirmed(ID, TX, USDC, FIVE, NOW));
        workflow.when(new RetractDeposit(ID, TX, REORG))
                .expectEvents(new DepositReversed(ID, TX, USDC, FIVE, REORG, NOW),
                        new DepositRetracted(ID, TX, USDC, FIVE, true, REORG, NOW));
        workflow.when(new RetractDeposit(ID, TX, REORG)).expectNoEvents();
    }

    @Test
    void a_deposit_mined_again_after_a_reorg_is_pending_and_then_credited_again() {
        Workflow workflow = new Workflow().given(created(), activated(), new DepositCredited(ID, TX, USDC, FIVE, NOW),
                new DepositConfirmed(ID, TX, USDC, FIVE, NOW), new DepositReversed(ID, TX, USDC, FIVE, REORG, NOW),
                new DepositRetracted(ID, TX, USDC, FIVE, true, REORG, NOW));
        workflow.when(new RecordIncomingDeposit(ID, TX, USDC, FIVE))
                .expectEvents(new IncomingDepositSeen(ID, TX, USDC, FIVE, NOW));
        workflow.when(new ConfirmDeposit(ID, TX, USDC, FIVE))
                .expectEvents(new DepositCredited(ID, TX, USDC, FIVE, NOW), new DepositConfirmed(ID, TX, USDC, FIVE, NOW));
    }

    @Test
    void retracting_a_deposit_never_recorded_changes_nothing() {
        new Workflow().given(created(), activated())
                .when(new RetractDeposit(ID, TX, REORG))
                .expectNoEvents();
    }

    @Test
    void a_pending_deposit_for_a_wallet_that_does_not_exist_is_refused_and_not_recorded() {
        Workflow workflow = new Workflow().given(created(), activated());
        workflow.when(new RecordIncomingDeposit(new WalletId(UUID.randomUUID()), TX, USDC, FIVE))
                .expectRejection(Reason.WALLET_NOT_FOUND);
        workflow.when(new RecordIncomingDeposit(ID, TX, USDC, FIVE))
                .expectEvents(new IncomingDepositSeen(ID, TX, USDC, FIVE, NOW));
    }

    @Test
    void a_retraction_naming_another_wallet_is_refused() {
        new Workflow().given(created(), activated(), new IncomingDepositSeen(ID, TX, USDC, FIVE, NOW))
                .when(new RetractDeposit(new WalletId(UUID.randomUUID()), TX, REORG))
                .expectRejection(Reason.IDEMPOTENCY_KEY_REUSED);
    }

    @Test
    void a_reversed_deposit_is_no_longer_available_to_a_proposal() {
        Workflow workflow = new Workflow().given(created(), activated(), new DepositCredited(ID, TX, USDC, FIVE, NOW),
                new DepositConfirmed(ID, TX, USDC, FIVE, NOW));
        workflow.when(new RetractDeposit(ID, TX, REORG)).expectSuccess();
        workflow.when(propose(P1, ALICE, 1)).expectRejection(Reason.INSUFFICIENT_BALANCE);
    }

    @Test
    void a_pending_deposit_is_not_available_to_a_proposal() {
        new Workflow().given(created(), activated(), new IncomingDepositSeen(ID, TX, USDC, FIVE, NOW))
                .when(propose(P1, ALICE, 1))
                .expectRejection(Reason.INSUFFICIENT_BALANCE);
    }
}
