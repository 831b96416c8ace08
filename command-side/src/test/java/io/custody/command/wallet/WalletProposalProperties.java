package io.custody.command.wallet;

import static io.custody.command.wallet.WalletFixtures.ALICE;
import static io.custody.command.wallet.WalletFixtures.ID;
import static io.custody.command.wallet.WalletFixtures.NOW;
import static io.custody.command.wallet.WalletFixtures.USDC;
import static io.custody.command.wallet.WalletFixtures.activated;
import static io.custody.command.wallet.WalletFixtures.created;
import static org.assertj.core.api.Assertions.assertThat;

import io.custody.api.deposit.DepositCredited;
import io.custody.api.deposit.DepositId;
import io.custody.api.error.Reason;
import io.custody.api.error.Rejection;
import io.custody.api.money.Amount;
import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.SignerAddress;
import io.custody.api.withdrawal.ProposalId;
import io.custody.api.withdrawal.WithdrawalProposed;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/**
 * Seed Properties 2 (nonces unique and strictly increasing per wallet), 9 (only signers propose) and 10 (no proposal
 * above the available balance), each through the real aggregates and handlers on an in-memory Axon configuration.
 */
class WalletProposalProperties {

    @Provide
    Arbitrary<List<Long>> amounts() {
        return Arbitraries.longs().between(1, 1_000).list().ofMinSize(1).ofMaxSize(12);
    }

    @Property(tries = 100)
    void every_proposal_gets_the_next_nonce_so_nonces_are_unique_and_strictly_increasing(
            @ForAll("amounts") List<Long> amounts) {
        Workflow workflow = new Workflow().given(created(), activated(), WalletFixtures.deposit(1_000_000));
        List<Long> nonces = new ArrayList<>();
        for (long amount : amounts) {
            ProposalId id = new ProposalId(UUID.randomUUID());
            workflow.when(WalletFixtures.propose(id, ALICE, amount)).expectResult(id);
            nonces.add(workflow.published(WithdrawalProposed.class).get(0).nonce());
        }
        assertThat(nonces).hasSize(amounts.size());
        for (int i = 0; i < nonces.size(); i++) {
            assertThat(nonces.get(i)).isEqualTo(i + 1L);
        }
    }

    @Property(tries = 100)
    void someone_outside_the_signer_set_can_never_propose(@ForAll("outsiders") SignerAddress outsider) {
        new Workflow().given(created(), activated(), WalletFixtures.deposit(1_000))
                .when(WalletFixtures.proposeWithoutProof(ProposalId.random(), outsider, 1))
                .expectRejection(new Rejection(Reason.NOT_A_SIGNER,
                        "only a signer of wallet " + ID + " may propose a withdrawal", Map.of()));
    }

    @Provide
    Arbitrary<SignerAddress> outsiders() {
        return Arbitraries.bytes().array(byte[].class).ofSize(20)
                .map(b -> new SignerAddress(ChainFamily.EVM, "0x" + HexFormat.of().formatHex(b)))
                .filter(a -> !created().signers().contains(a));
    }

    @Property(tries = 150)
    void a_proposal_is_accepted_exactly_when_its_amount_fits_the_available_balance(
            @ForAll("deposits") List<Long> deposits, @ForAll("amounts") List<Long> reserved,
            @ForAll @LongRange(min = 1, max = 20_000) long amount) {
        List<Object> given = new ArrayList<>();
        given.add(created());
        given.add(activated());
        long deposited = 0;
        for (long d : deposits) {
            given.add(new DepositCredited(ID, new DepositId("d" + given.size()), USDC, Amount.of(d), NOW));
            deposited += d;
        }
        long held = 0;
        long nonce = 0;
        for (long r : reserved) {
            if (held + r > deposited) break;   // earlier proposals themselves had to fit
            given.add(WalletFixtures.opened(new ProposalId(UUID.randomUUID()), ++nonce, r));
            held += r;
        }
        var then = new Workflow().given(given.toArray())
                .when(WalletFixtures.propose(new ProposalId(UUID.randomUUID()), ALICE, amount));
        if (amount <= deposited - held) {
            then.expectSuccess();
        } else {
            then.expectRejection(Reason.INSUFFICIENT_BALANCE);
        }
    }

    @Provide
    Arbitrary<List<Long>> deposits() {
        return Arbitraries.longs().between(1, 5_000).list().ofMaxSize(5);
    }
}
