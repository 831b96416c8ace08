package io.custody.command.wallet;

import static io.custody.command.wallet.TestSigners.ALICE;
import static io.custody.command.wallet.TestSigners.BOB;
import static io.custody.command.wallet.TestSigners.CAROL;
import static org.assertj.core.api.Assertions.assertThat;

import io.custody.api.error.CommandRejectedException;
import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.CreateCustodyWallet;
import io.custody.api.wallet.CustodyWalletCreated;
import io.custody.api.wallet.CustodyWalletRenamed;
import io.custody.api.wallet.OrganisationId;
import io.custody.api.wallet.RenameCustodyWallet;
import io.custody.api.wallet.Threshold;
import io.custody.api.wallet.WalletId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CustodyWalletTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final WalletId ID = new WalletId(java.util.UUID.fromString("7d0c6a2e-4a4e-4bd6-9c55-2a0e4b1b2c3d"));
    private static final OrganisationId ACME = new OrganisationId("acme-trading");

    private AggregateTestFixture<CustodyWallet> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CustodyWallet.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(io.custody.command.governance.GovernanceSettings.DEFAULT);
    }

    private static CreateCustodyWallet create(int threshold, ChainFamily family, io.custody.api.wallet.SignerAddress... signers) {
        return new CreateCustodyWallet(ID, ACME, "Treasury", List.of(signers), threshold, family);
    }

    private static CustodyWalletCreated created() {
        return new CustodyWalletCreated(ID, ACME, "Treasury", List.of(ALICE, BOB, CAROL), new Threshold(2),
                ChainFamily.EVM, NOW);
    }

    @Test
    void creates_a_two_of_three_wallet() {
        fixture.givenNoPriorActivity()
                .when(create(2, ChainFamily.EVM, ALICE, BOB, CAROL))
                .expectSuccessfulHandlerExecution()
                .expectEvents(created())
                .expectResultMessagePayload(ID);
    }

    @Test
    void rejects_a_threshold_above_the_number_of_signers_and_stores_nothing() {
        fixture.givenNoPriorActivity()
                .when(create(3, ChainFamily.EVM, ALICE, BOB))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectExceptionDetails(new io.custody.api.error.Rejection(io.custody.api.error.Reason.SIGNER_RULES_VIOLATED,
                        "Invalid custody wallet",
                        java.util.Map.of("threshold", List.of("must not exceed the number of signers (2)"))));
    }

    @Test
    void rejects_a_single_signer_wallet() {
        fixture.givenNoPriorActivity()
                .when(create(2, ChainFamily.EVM, ALICE))
                .expectNoEvents()
                .expectException(CommandRejectedException.class);
    }

    @Test
    void acknowledges_a_repeated_identical_creation_without_a_new_event() {
        fixture.given(created())
                .when(create(2, ChainFamily.EVM, ALICE, BOB, CAROL))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(ID);
    }

    @Test
    void refuses_a_creation_that_reuses_an_id_with_other_content() {
        fixture.given(created())
                .when(create(3, ChainFamily.EVM, ALICE, BOB, CAROL))
                .expectNoEvents()
                .expectExceptionMessage("wallet " + ID + " already exists with different content")
                .expectException(CommandRejectedException.class);
    }

    @Test
    void renames_a_wallet_and_ignores_a_rename_to_the_same_name() {
        fixture.given(created())
                .when(new RenameCustodyWallet(ID, "  Operations  "))
                .expectEvents(new CustodyWalletRenamed(ID, "Operations", NOW));
        fixture.given(created())
                .when(new RenameCustodyWallet(ID, "Treasury"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void rejects_a_blank_name() {
        fixture.given(created())
                .when(new RenameCustodyWallet(ID, "   "))
                .expectNoEvents()
                .expectException(CommandRejectedException.class);
    }

    @Test
    void rejection_details_name_the_offending_fields() {
        var violations = WalletCreationRules.violations(
                new CreateCustodyWallet(ID, null, "", List.of(ALICE, ALICE), 1, ChainFamily.EVM));
        assertThat(violations.details()).containsOnlyKeys("organisation", "name", "signers[1]", "threshold");
    }
}
