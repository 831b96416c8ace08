package io.custody.command.wallet;

import static io.custody.command.wallet.WalletFixtures.ACME;
import static io.custody.command.wallet.WalletFixtures.ALICE;
import static io.custody.command.wallet.WalletFixtures.BOB;
import static io.custody.command.wallet.WalletFixtures.CAROL;
import static io.custody.command.wallet.WalletFixtures.ID;
import static io.custody.command.wallet.WalletFixtures.MALLORY;
import static io.custody.command.wallet.WalletFixtures.NOW;
import static io.custody.command.wallet.WalletFixtures.PAYEE;
import static io.custody.command.wallet.WalletFixtures.OTHER_PAYEE;
import static io.custody.command.wallet.WalletFixtures.USDC;
import static io.custody.command.wallet.WalletFixtures.created;

import io.custody.api.error.Reason;
import io.custody.api.error.Rejection;
import io.custody.api.money.Amount;
import io.custody.api.wallet.AddSigner;
import io.custody.api.wallet.AddWhitelistAddress;
import io.custody.api.wallet.AllowContract;
import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.ChangeThreshold;
import io.custody.api.wallet.ChangeWalletStatus;
import io.custody.api.wallet.CustodyWalletCreated;
import io.custody.api.wallet.RemoveSigner;
import io.custody.api.wallet.RemoveWhitelistAddress;
import io.custody.api.wallet.SetWithdrawalDelay;
import io.custody.api.wallet.SetWithdrawalLimits;
import io.custody.api.wallet.SignerAdded;
import io.custody.api.wallet.Threshold;
import io.custody.api.wallet.TokenLimits;
import io.custody.api.wallet.WalletStatus;
import io.custody.api.wallet.WalletStatusChanged;
import io.custody.api.wallet.WhitelistAddressAdded;
import io.custody.api.wallet.WhitelistAddressRemoved;
import io.custody.api.wallet.WithdrawalDelaySet;
import io.custody.api.wallet.WithdrawalLimitsSet;
import java.time.Duration;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The direct policy endpoints' commands on a wallet past its setup window (ADR identity-020): what tightens control
 * is applied at once, as before; what loosens or changes control is refused with {@code QUORUM_REQUIRED} and nothing
 * is stored. Within the window an administrator still configures the wallet alone.
 */
class SealedWalletTest {

    private AggregateTestFixture<CustodyWallet> fixture;

    /** Created 49 hours before the fixture's clock: past the default 48-hour setup window. */
    static CustodyWalletCreated sealed() {
        return new CustodyWalletCreated(ID, ACME, "Treasury", List.of(ALICE.address(), BOB.address(),
                CAROL.address()), new Threshold(2), ChainFamily.EVM, NOW.minus(Duration.ofHours(49)));
    }

    static final TokenLimits LIMITS = new TokenLimits(Amount.of(100), Amount.of(500), Amount.of(2_000));

    static Object[] history() {
        return new Object[] {sealed(), new WithdrawalDelaySet(ID, 24, NOW), new WithdrawalLimitsSet(ID, USDC, LIMITS,
                NOW), new WhitelistAddressAdded(ID, PAYEE, NOW)};
    }

    @BeforeEach
    void setUp() {
        fixture = WalletFixtures.fixture();
    }

    private void refused(Object command) {
        fixture.given(history()).when(command)
                .expectNoEvents()
                .expectExceptionDetails(Matchers.predicate((Object details) -> details instanceof Rejection r
                        && r.reason() == Reason.QUORUM_REQUIRED && r.message().contains("/policy-changes")));
    }

    @Test
    void refuses_adding_a_signer_changing_the_threshold_or_removing_a_signer() {
        refused(new AddSigner(ID, MALLORY.address()));
        refused(new ChangeThreshold(ID, 3));
        refused(new RemoveSigner(ID, CAROL.address()));
    }

    @Test
    void refuses_raising_or_removing_a_limit_whitelisting_a_shorter_delay_and_allowing_a_contract() {
        refused(new SetWithdrawalLimits(ID, USDC, new TokenLimits(Amount.of(1_000), Amount.of(500), Amount.of(2_000))));
        refused(new SetWithdrawalLimits(ID, USDC, TokenLimits.NONE));
        refused(new AddWhitelistAddress(ID, OTHER_PAYEE));
        refused(new SetWithdrawalDelay(ID, 1));
        refused(new AllowContract(ID, OTHER_PAYEE, "Escrow", List.of("refund(bytes32)"), 0));
    }

    @Test
    void a_command_without_its_values_is_refused_as_needing_the_quorum_not_failed() {
        refused(new SetWithdrawalLimits(ID, null, TokenLimits.NONE));
        refused(new AddSigner(ID, null));
        refused(new AddWhitelistAddress(ID, null));
    }

    @Test
    void refuses_reactivating_a_suspended_wallet() {
        fixture.given(history()).andGiven(new WalletStatusChanged(ID, WalletStatus.ACTIVE, WalletStatus.SUSPENDED,
                        "incident", NOW))
                .when(new ChangeWalletStatus(ID, WalletStatus.ACTIVE, "resolved"))
                .expectNoEvents()
                .expectExceptionDetails(Matchers.predicate((Object details) -> details instanceof Rejection r
                        && r.reason() == Reason.QUORUM_REQUIRED));
    }

    @Test
    void applies_tightening_changes_at_once() {
        TokenLimits lower = new TokenLimits(Amount.of(50), Amount.of(500), Amount.of(1_000));
        fixture.given(history()).when(new SetWithdrawalLimits(ID, USDC, lower))
                .expectEvents(new WithdrawalLimitsSet(ID, USDC, lower, NOW));
        fixture.given(history()).when(new RemoveWhitelistAddress(ID, PAYEE))
                .expectEvents(new WhitelistAddressRemoved(ID, PAYEE, NOW));
        fixture.given(history()).when(new SetWithdrawalDelay(ID, 72))
                .expectEvents(new WithdrawalDelaySet(ID, 72, NOW));
        fixture.given(history()).when(new ChangeWalletStatus(ID, WalletStatus.SUSPENDED, "incident"))
                .expectEvents(new WalletStatusChanged(ID, WalletStatus.ACTIVE, WalletStatus.SUSPENDED, "incident",
                        NOW));
    }

    @Test
    void within_its_setup_window_an_administrator_still_configures_the_wallet_alone() {
        fixture.given(created()).when(new AddSigner(ID, MALLORY.address()))
                .expectEvents(new SignerAdded(ID, MALLORY.address(), NOW));
    }
}
