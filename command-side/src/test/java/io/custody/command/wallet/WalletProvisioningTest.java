package io.custody.command.wallet;

import static io.custody.command.wallet.WalletFixtures.ALICE;
import static io.custody.command.wallet.WalletFixtures.APTOS_PUBLIC_KEY;
import static io.custody.command.wallet.WalletFixtures.EVM_ADDRESS;
import static io.custody.command.wallet.WalletFixtures.EVM_PUBLIC_KEY;
import static io.custody.command.wallet.WalletFixtures.ID;
import static io.custody.command.wallet.WalletFixtures.NOW;
import static io.custody.command.wallet.WalletFixtures.P1;
import static io.custody.command.wallet.WalletFixtures.USDC;
import static io.custody.command.wallet.WalletFixtures.activated;
import static io.custody.command.wallet.WalletFixtures.aptosActivated;
import static io.custody.command.wallet.WalletFixtures.aptosCreated;
import static io.custody.command.wallet.WalletFixtures.created;
import static io.custody.command.wallet.WalletFixtures.deposit;
import static io.custody.command.wallet.WalletFixtures.propose;

import io.custody.api.deposit.ConfirmDeposit;
import io.custody.api.deposit.DepositId;
import io.custody.api.error.CommandRejectedException;
import io.custody.api.error.Reason;
import io.custody.api.money.Amount;
import io.custody.api.wallet.ActivateCustodyWallet;
import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.CustodyWalletActivated;
import io.custody.api.wallet.RecordWalletProvisioningFailure;
import io.custody.api.wallet.ReportWalletProvisioningWaiting;
import io.custody.api.wallet.RetryWalletProvisioning;
import io.custody.api.wallet.WalletProvisioningFailed;
import io.custody.api.wallet.WalletProvisioningRetried;
import io.custody.api.wallet.WalletProvisioningWaiting;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WalletProvisioningTest {

    /** Private key 2's public key: a valid point, but not the one {@link WalletFixtures#EVM_ADDRESS} belongs to. */
    private static final String OTHER_EVM_KEY = "02c6047f9441ed7d6d3045406e95c07cd85c778e4b8cef3ca7abac09b95c709ee5";

    private AggregateTestFixture<CustodyWallet> fixture;

    @BeforeEach
    void setUp() {
        fixture = WalletFixtures.fixture();
    }

    @Test
    void a_new_wallet_accepts_no_proposal_until_its_key_exists() {
        new Workflow().given(created(), deposit(1_000))
                .when(propose(P1, ALICE, 400))
                .expectRejection(Reason.WALLET_KEY_PENDING);
    }

    @Test
    void a_deposit_to_a_wallet_pending_its_key_is_refused_and_not_recorded() {
        new Workflow().given(created())
                .when(new ConfirmDeposit(ID, new DepositId("0xabc:0"), USDC, Amount.of(5)))
                .expectRejection(Reason.WALLET_KEY_PENDING);
    }

    @Test
    void the_key_and_the_address_derived_from_it_activate_the_wallet() {
        fixture.given(created())
                .when(new ActivateCustodyWallet(ID, 1, "evm-1", EVM_PUBLIC_KEY, EVM_ADDRESS))
                .expectEvents(activated());
    }

    @Test
    void an_aptos_wallet_is_activated_with_the_authentication_key_of_its_ed25519_key() {
        fixture.given(aptosCreated())
                .when(new ActivateCustodyWallet(ID, 1, "aptos-1", APTOS_PUBLIC_KEY, aptosActivated().address()))
                .expectEvents(aptosActivated());
    }

    @Test
    void an_address_that_is_not_derived_from_the_public_key_is_refused() {
        fixture.given(created())
                .when(new ActivateCustodyWallet(ID, 1, "evm-1", OTHER_EVM_KEY, EVM_ADDRESS))
                .expectException(CommandRejectedException.class)
                .expectNoEvents();
    }

    @Test
    void the_address_must_be_in_its_eip55_spelling() {
        fixture.given(created())
                .when(new ActivateCustodyWallet(ID, 1, "evm-1", EVM_PUBLIC_KEY, EVM_ADDRESS.toLowerCase()))
                .expectException(CommandRejectedException.class)
                .expectNoEvents();
    }

    @Test
    void a_public_key_off_the_curve_or_of_the_wrong_length_is_refused() {
        String offCurve = "02" + "00".repeat(31) + "05"; // x = 5: x^3 + 7 = 132 is no square mod p
        for (String key : new String[] {offCurve, EVM_PUBLIC_KEY.substring(2), "04" + EVM_PUBLIC_KEY.substring(2),
                "zz", ""}) {
            fixture.given(created())
                    .when(new ActivateCustodyWallet(ID, 1, "evm-1", key, EVM_ADDRESS))
                    .expectException(CommandRejectedException.class)
                    .expectNoEvents();
        }
    }

    @Test
    void a_key_id_outside_the_clusters_syntax_is_refused() {
        fixture.given(created())
                .when(new ActivateCustodyWallet(ID, 1, "evm/1", EVM_PUBLIC_KEY, EVM_ADDRESS))
                .expectException(CommandRejectedException.class)
                .expectNoEvents();
    }

    @Test
    void activating_again_with_the_same_key_changes_nothing_and_with_another_key_is_refused() {
        fixture.given(created(), activated())
                .when(new ActivateCustodyWallet(ID, 1, "evm-1", EVM_PUBLIC_KEY, EVM_ADDRESS))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(created(), activated())
                .when(new ActivateCustodyWallet(ID, 1, "evm-2", EVM_PUBLIC_KEY, EVM_ADDRESS))
                .expectException(CommandRejectedException.class)
                .expectNoEvents();
    }

    @Test
    void a_failed_key_generation_is_recorded_with_its_reason_and_can_be_retried() {
        fixture.given(created())
                .when(new RecordWalletProvisioningFailure(ID, 1, "CULPRIT_NAMED: node-2"))
                .expectEvents(new WalletProvisioningFailed(ID, 1, "CULPRIT_NAMED: node-2", NOW));
        fixture.given(created(), new WalletProvisioningFailed(ID, 1, "CULPRIT_NAMED: node-2", NOW))
                .when(new RetryWalletProvisioning(ID))
                .expectEvents(new WalletProvisioningRetried(ID, ChainFamily.EVM, 2, NOW));
        fixture.given(created(), new WalletProvisioningFailed(ID, 1, "x", NOW), new WalletProvisioningRetried(ID, ChainFamily.EVM, 2, NOW))
                .when(new ActivateCustodyWallet(ID, 2, "evm-2", EVM_PUBLIC_KEY, EVM_ADDRESS))
                .expectEvents(new CustodyWalletActivated(ID, "evm-2", EVM_PUBLIC_KEY, EVM_ADDRESS, NOW));
    }

    @Test
    void a_failed_wallet_cannot_be_activated_and_a_late_answer_of_an_earlier_attempt_is_refused() {
        fixture.given(created(), new WalletProvisioningFailed(ID, 1, "x", NOW))
                .when(new ActivateCustodyWallet(ID, 1, "evm-1", EVM_PUBLIC_KEY, EVM_ADDRESS))
                .expectException(CommandRejectedException.class)
                .expectNoEvents();
        fixture.given(created(), new WalletProvisioningFailed(ID, 1, "x", NOW), new WalletProvisioningRetried(ID, ChainFamily.EVM, 2, NOW))
                .when(new ActivateCustodyWallet(ID, 1, "evm-1", EVM_PUBLIC_KEY, EVM_ADDRESS))
                .expectException(CommandRejectedException.class)
                .expectNoEvents();
    }

    @Test
    void only_a_failed_provisioning_can_be_retried() {
        fixture.given(created())
                .when(new RetryWalletProvisioning(ID))
                .expectException(CommandRejectedException.class)
                .expectNoEvents();
        fixture.given(created(), activated())
                .when(new RetryWalletProvisioning(ID))
                .expectException(CommandRejectedException.class)
                .expectNoEvents();
        fixture.given(created(), activated())
                .when(new RecordWalletProvisioningFailure(ID, 1, "late"))
                .expectException(CommandRejectedException.class)
                .expectNoEvents();
    }

    @Test
    void a_wait_is_shown_once_per_reason() {
        fixture.given(created())
                .when(new ReportWalletProvisioningWaiting(ID, 1, "PRIME_POOL_EMPTY"))
                .expectEvents(new WalletProvisioningWaiting(ID, 1, "PRIME_POOL_EMPTY", NOW));
        fixture.given(created(), new WalletProvisioningWaiting(ID, 1, "PRIME_POOL_EMPTY", NOW))
                .when(new ReportWalletProvisioningWaiting(ID, 1, "PRIME_POOL_EMPTY"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
