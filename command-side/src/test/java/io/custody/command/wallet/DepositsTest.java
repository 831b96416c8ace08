package io.custody.command.wallet;

import static io.custody.command.wallet.WalletFixtures.ID;
import static io.custody.command.wallet.WalletFixtures.NOW;
import static io.custody.command.wallet.WalletFixtures.USDC;
import static io.custody.command.wallet.WalletFixtures.activated;
import static io.custody.command.wallet.WalletFixtures.created;

import io.custody.api.deposit.ConfirmDeposit;
import io.custody.api.deposit.DepositConfirmed;
import io.custody.api.deposit.DepositCredited;
import io.custody.api.deposit.DepositId;
import io.custody.api.error.Reason;
import io.custody.api.money.Amount;
import io.custody.api.wallet.WalletId;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DepositsTest {

    private static final DepositId TX = new DepositId("0xabc:0");

    @Test
    void a_confirmed_deposit_starts_its_own_stream_and_credits_the_wallet() {
        new Workflow().given(created(), activated())
                .when(new ConfirmDeposit(ID, TX, USDC, Amount.of(5_000)))
                .expectEvents(new DepositCredited(ID, TX, USDC, Amount.of(5_000), NOW),
                        new DepositConfirmed(ID, TX, USDC, Amount.of(5_000), NOW));
    }

    @Test
    void the_same_deposit_confirmed_again_is_credited_only_once() {
        new Workflow().given(created(), activated(), new DepositCredited(ID, TX, USDC, Amount.of(5_000), NOW),
                        new DepositConfirmed(ID, TX, USDC, Amount.of(5_000), NOW))
                .when(new ConfirmDeposit(ID, TX, USDC, Amount.of(5_000)))
                .expectSuccess()
                .expectNoEvents();
    }

    @Test
    void the_same_deposit_id_with_another_amount_is_refused() {
        new Workflow().given(created(), activated(), new DepositCredited(ID, TX, USDC, Amount.of(5_000), NOW),
                        new DepositConfirmed(ID, TX, USDC, Amount.of(5_000), NOW))
                .when(new ConfirmDeposit(ID, TX, USDC, Amount.of(6_000)))
                .expectRejection(Reason.IDEMPOTENCY_KEY_REUSED);
    }

    @Test
    void a_zero_deposit_is_refused() {
        new Workflow().given(created(), activated())
                .when(new ConfirmDeposit(ID, TX, USDC, Amount.ZERO))
                .expectRejection(Reason.AMOUNT_NOT_POSITIVE);
    }

    @Test
    void a_deposit_to_a_wallet_that_does_not_exist_is_refused_and_not_recorded() {
        Workflow workflow = new Workflow().given(created(), activated());
        workflow.when(new ConfirmDeposit(new WalletId(UUID.randomUUID()), TX, USDC, Amount.of(1)))
                .expectRejection(Reason.WALLET_NOT_FOUND);
        workflow.when(new ConfirmDeposit(ID, TX, USDC, Amount.of(1)))
                .expectEvents(new DepositCredited(ID, TX, USDC, Amount.of(1), NOW),
                        new DepositConfirmed(ID, TX, USDC, Amount.of(1), NOW));
    }
}
