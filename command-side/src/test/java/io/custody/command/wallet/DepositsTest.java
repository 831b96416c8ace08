package io.custody.command.wallet;

import static io.custody.command.wallet.WalletFixtures.ID;
import static io.custody.command.wallet.WalletFixtures.NOW;
import static io.custody.command.wallet.WalletFixtures.USDC;
import static io.custody.command.wallet.WalletFixtures.created;

import io.custody.api.deposit.ConfirmDeposit;
import io.custody.api.deposit.DepositConfirmed;
import io.custody.api.deposit.DepositId;
import io.custody.api.error.CommandRejectedException;
import io.custody.api.money.Amount;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DepositsTest {

    private static final DepositId TX = new DepositId("0xabc:0");
    private AggregateTestFixture<CustodyWallet> fixture;

    @BeforeEach
    void setUp() {
        fixture = WalletFixtures.fixture();
    }

    @Test
    void credits_a_confirmed_deposit() {
        fixture.given(created())
                .when(new ConfirmDeposit(ID, TX, USDC, Amount.of(5_000)))
                .expectEvents(new DepositConfirmed(ID, TX, USDC, Amount.of(5_000), NOW));
    }

    @Test
    void credits_the_same_deposit_only_once() {
        fixture.given(created(), new DepositConfirmed(ID, TX, USDC, Amount.of(5_000), NOW))
                .when(new ConfirmDeposit(ID, TX, USDC, Amount.of(5_000)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void rejects_a_zero_deposit() {
        fixture.given(created())
                .when(new ConfirmDeposit(ID, TX, USDC, Amount.ZERO))
                .expectNoEvents()
                .expectException(CommandRejectedException.class);
    }
}
