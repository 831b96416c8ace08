package io.custody.command.wallet;

import static io.custody.command.wallet.WalletFixtures.ALICE;
import static io.custody.command.wallet.WalletFixtures.BOB;
import static io.custody.command.wallet.WalletFixtures.CAROL;
import static io.custody.command.wallet.WalletFixtures.ID;
import static io.custody.command.wallet.WalletFixtures.MALLORY;
import static io.custody.command.wallet.WalletFixtures.NOW;
import static io.custody.command.wallet.WalletFixtures.PAYEE;
import static io.custody.command.wallet.WalletFixtures.USDC;
import static io.custody.command.wallet.WalletFixtures.created;

import io.custody.api.error.CommandRejectedException;
import io.custody.api.error.Reason;
import io.custody.api.error.Rejection;
import io.custody.api.money.Amount;
import io.custody.api.wallet.AddSigner;
import io.custody.api.wallet.AddWhitelistAddress;
import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.ChangeThreshold;
import io.custody.api.wallet.ChangeWalletStatus;
import io.custody.api.wallet.DestinationAddress;
import io.custody.api.wallet.RemoveSigner;
import io.custody.api.wallet.RemoveWhitelistAddress;
import io.custody.api.wallet.SetWithdrawalDelay;
import io.custody.api.wallet.SetWithdrawalLimits;
import io.custody.api.wallet.SignerAdded;
import io.custody.api.wallet.SignerRemoved;
import io.custody.api.wallet.Threshold;
import io.custody.api.wallet.ThresholdChanged;
import io.custody.api.wallet.TokenLimits;
import io.custody.api.wallet.WalletStatus;
import io.custody.api.wallet.WalletStatusChanged;
import io.custody.api.wallet.WhitelistAddressAdded;
import io.custody.api.wallet.WhitelistAddressRemoved;
import io.custody.api.wallet.WithdrawalDelaySet;
import io.custody.api.wallet.WithdrawalLimitsSet;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WalletPolicyTest {

    private AggregateTestFixture<CustodyWallet> fixture;

    @BeforeEach
    void setUp() {
        fixture = WalletFixtures.fixture();
    }

    @Test
    void sets_a_withdrawal_delay_of_zero_or_more_hours() {
        fixture.given(created(), new WithdrawalDelaySet(ID, 0, NOW))
                .when(new SetWithdrawalDelay(ID, 24))
                .expectEvents(new WithdrawalDelaySet(ID, 24, NOW));
    }

    @Test
    void setting_the_same_delay_again_stores_nothing() {
        fixture.given(created(), new WithdrawalDelaySet(ID, 24, NOW))
                .when(new SetWithdrawalDelay(ID, 24))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void rejects_a_negative_delay() {
        fixture.given(created())
                .when(new SetWithdrawalDelay(ID, -1))
                .expectNoEvents()
                .expectExceptionDetails(new Rejection(Reason.INVALID_DELAY, "Invalid withdrawal delay",
                        Map.of("hours", List.of("must be from 0 to 8784"))));
    }

    @Test
    void sets_per_token_limits() {
        TokenLimits limits = new TokenLimits(Amount.of(100), Amount.of(500), Amount.of(2_000));
        fixture.given(created())
                .when(new SetWithdrawalLimits(ID, USDC, limits))
                .expectEvents(new WithdrawalLimitsSet(ID, USDC, limits, NOW));
    }

    @Test
    void rejects_a_daily_limit_below_the_single_limit_and_a_zero_limit() {
        fixture.given(created())
                .when(new SetWithdrawalLimits(ID, USDC, new TokenLimits(Amount.of(100), Amount.of(50), Amount.ZERO)))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectExceptionDetails(new Rejection(Reason.INVALID_LIMITS, "Invalid withdrawal limits",
                        Map.of("weekly", List.of("must be above zero, or absent for no limit",
                                        "must not be below the daily limit", "must not be below the single limit"),
                                "daily", List.of("must not be below the single limit"))));
    }

    @Test
    void whitelists_an_address_once() {
        fixture.given(created(), new WhitelistAddressAdded(ID, PAYEE, NOW))
                .when(new AddWhitelistAddress(ID, new DestinationAddress(ChainFamily.EVM, PAYEE.value().toUpperCase()
                        .replace("0X", "0x"))))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void removes_a_whitelisted_address() {
        fixture.given(created(), new WhitelistAddressAdded(ID, PAYEE, NOW))
                .when(new RemoveWhitelistAddress(ID, PAYEE))
                .expectEvents(new WhitelistAddressRemoved(ID, PAYEE, NOW));
    }

    @Test
    void rejects_whitelisting_an_address_of_another_chain_family() {
        fixture.given(created())
                .when(new AddWhitelistAddress(ID, new DestinationAddress(ChainFamily.APTOS, "0x" + "11".repeat(32))))
                .expectNoEvents()
                .expectException(CommandRejectedException.class);
    }

    @Test
    void suspends_and_reactivates_a_wallet() {
        fixture.given(created(), new WalletStatusChanged(ID, WalletStatus.ACTIVE, WalletStatus.SUSPENDED, "audit", NOW))
                .when(new ChangeWalletStatus(ID, WalletStatus.ACTIVE, "audit done"))
                .expectEvents(new WalletStatusChanged(ID, WalletStatus.SUSPENDED, WalletStatus.ACTIVE, "audit done", NOW));
    }

    @Test
    void a_closed_wallet_cannot_be_reopened() {
        fixture.given(created(), new WalletStatusChanged(ID, WalletStatus.ACTIVE, WalletStatus.CLOSED, "", NOW))
                .when(new ChangeWalletStatus(ID, WalletStatus.ACTIVE, "oops"))
                .expectNoEvents()
                .expectExceptionDetails(new Rejection(Reason.WALLET_CLOSED,
                        "wallet " + ID + " is closed; closing is final", Map.of()));
    }

    @Test
    void a_closed_wallet_accepts_no_policy_change() {
        fixture.given(created(), new WalletStatusChanged(ID, WalletStatus.ACTIVE, WalletStatus.CLOSED, "", NOW))
                .when(new SetWithdrawalDelay(ID, 3))
                .expectNoEvents()
                .expectException(CommandRejectedException.class);
    }

    @Test
    void adds_a_signer() {
        fixture.given(created())
                .when(new AddSigner(ID, MALLORY.address()))
                .expectEvents(new SignerAdded(ID, MALLORY.address(), NOW));
    }

    @Test
    void removes_a_signer_while_the_threshold_still_fits() {
        fixture.given(created())
                .when(new RemoveSigner(ID, CAROL.address()))
                .expectEvents(new SignerRemoved(ID, CAROL.address(), NOW));
    }

    @Test
    void refuses_to_remove_a_signer_when_fewer_signers_than_the_threshold_would_remain() {
        fixture.given(created(), new SignerRemoved(ID, CAROL.address(), NOW))
                .when(new RemoveSigner(ID, BOB.address()))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("The change would break the signer rules");
    }

    @Test
    void refuses_to_remove_someone_who_is_not_a_signer() {
        fixture.given(created())
                .when(new RemoveSigner(ID, MALLORY.address()))
                .expectNoEvents()
                .expectExceptionDetails(new Rejection(Reason.SIGNER_NOT_FOUND,
                        MALLORY.address() + " is not a signer of wallet " + ID, Map.of()));
    }

    @Test
    void changes_the_threshold_within_the_signer_count() {
        fixture.given(created())
                .when(new ChangeThreshold(ID, 3))
                .expectEvents(new ThresholdChanged(ID, new Threshold(2), new Threshold(3), NOW));
    }

    @Test
    void refuses_a_threshold_of_one_or_above_the_signer_count() {
        fixture.given(created())
                .when(new ChangeThreshold(ID, 1))
                .expectNoEvents()
                .expectException(CommandRejectedException.class);
        fixture.given(created())
                .when(new ChangeThreshold(ID, 4))
                .expectNoEvents()
                .expectExceptionDetails(new Rejection(Reason.SIGNER_RULES_VIOLATED,
                        "The change would break the signer rules",
                        Map.of("threshold", List.of("must not exceed the number of signers (3)"))));
    }

    @Test
    void refuses_to_add_a_signer_twice_silently_and_a_signer_of_another_family_loudly() {
        fixture.given(created())
                .when(new AddSigner(ID, ALICE.address()))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(created())
                .when(new AddSigner(ID, WalletFixtures.APTOS_ALICE.address()))
                .expectNoEvents()
                .expectException(CommandRejectedException.class);
    }
}
