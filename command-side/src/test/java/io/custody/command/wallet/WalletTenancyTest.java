package io.custody.command.wallet;

import static io.custody.command.wallet.WalletFixtures.ACME;
import static io.custody.command.wallet.WalletFixtures.ID;
import static io.custody.command.wallet.WalletFixtures.NOW;
import static io.custody.command.wallet.WalletFixtures.created;

import io.custody.api.identity.Caller;
import io.custody.api.wallet.CustodyWalletRenamed;
import io.custody.api.wallet.RenameCustodyWallet;
import io.custody.api.wallet.SetWithdrawalDelay;
import io.custody.api.wallet.WithdrawalDelaySet;
import java.util.Map;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tenant rule of the wallet: another organisation's caller finds no wallet, with the same exception as none. */
class WalletTenancyTest {

    private AggregateTestFixture<CustodyWallet> fixture;

    @BeforeEach
    void setUp() {
        fixture = WalletFixtures.fixture();
    }

    static MetaData callerOf(String organisation) {
        return MetaData.from(Map.of(Caller.ORGANISATION, organisation));
    }

    @Test
    void a_caller_of_another_organisation_is_told_the_wallet_does_not_exist() {
        fixture.given(created())
                .when(new RenameCustodyWallet(ID, "Mine now"), callerOf("mallory-inc"))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void the_rule_covers_the_commands_of_the_wallets_members_too() {
        fixture.given(created())
                .when(new SetWithdrawalDelay(ID, 0), callerOf("mallory-inc"))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void a_caller_of_the_wallets_organisation_is_served() {
        fixture.given(created())
                .when(new RenameCustodyWallet(ID, "Ops"), callerOf(ACME.value()))
                .expectEvents(new CustodyWalletRenamed(ID, "Ops", NOW));
    }

    @Test
    void the_application_itself_sends_without_a_caller_and_is_served() {
        fixture.given(created())
                .when(new SetWithdrawalDelay(ID, 2))
                .expectEvents(new WithdrawalDelaySet(ID, 2, NOW));
    }
}
