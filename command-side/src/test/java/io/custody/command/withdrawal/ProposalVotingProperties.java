package io.custody.command.withdrawal;

import static org.assertj.core.api.Assertions.assertThat;

import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.DestinationAddress;
import io.custody.api.wallet.SignerAddress;
import io.custody.api.wallet.Threshold;
import io.custody.api.wallet.OrganisationId;
import io.custody.api.wallet.WalletId;
import io.custody.api.withdrawal.Decision;
import io.custody.api.withdrawal.ProposalId;
import io.custody.api.withdrawal.ProposalStatus;
import io.custody.api.withdrawal.WithdrawalProposed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Seed Properties 11 (status machine), 3 (a repeated vote changes nothing) and 9 (only signers vote) over random
 * signer sets, thresholds, required approvals and vote sequences, including outsiders and repeats.
 */
class ProposalVotingProperties {

    static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    record Setup(int signers, int threshold, int required) {
    }

    record Vote(int signer, Decision decision) {
    }

    @Provide
    Arbitrary<Setup> setups() {
        return Arbitraries.integers().between(2, 8).flatMap(n -> Arbitraries.integers().between(2, n).flatMap(t ->
                Arbitraries.of(t, Math.min(t + 1, n)).map(r -> new Setup(n, t, r))));
    }

    @Provide
    Arbitrary<List<Vote>> votes() {
        // indices up to 9 include outsiders (index >= signers)
        return Combinators.combine(Arbitraries.integers().between(0, 9), Arbitraries.of(Decision.class))
                .as(Vote::new).list().ofMaxSize(24);
    }

    static List<SignerAddress> addresses(int count) {
        List<SignerAddress> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] bytes = new byte[20];
            bytes[0] = (byte) (i + 1);
            list.add(new SignerAddress(ChainFamily.EVM, "0x" + HexFormat.of().formatHex(bytes)));
        }
        return list;
    }

    static ProposalState open(Setup setup, List<SignerAddress> signers) {
        return new ProposalState(new WithdrawalProposed(new WalletId(UUID.randomUUID()), new OrganisationId("acme"),
                ProposalId.random(), 1,
                signers.get(0), new DestinationAddress(ChainFamily.EVM, "0x" + "ab".repeat(20)), new TokenId("USDC"),
                Amount.of(1), signers, new Threshold(setup.threshold()), setup.required(), List.of(), 0,
                NOW.plusSeconds(60), NOW, null));
    }

    @Property(tries = 300)
    void votes_drive_the_status_exactly_as_property_11_says(@ForAll("setups") Setup setup,
                                                             @ForAll("votes") List<Vote> votes) {
        List<SignerAddress> everyone = addresses(10);
        List<SignerAddress> signers = everyone.subList(0, setup.signers());
        ProposalState proposal = open(setup, signers);
        for (Vote vote : votes) {
            SignerAddress who = everyone.get(vote.signer());
            ProposalStatus before = proposal.status();
            Decision earlier = proposal.votes().get(who);
            VoteOutcome outcome = ProposalVoting.decide(proposal, who, vote.decision());

            if (!signers.contains(who)) {
                assertThat(outcome).isInstanceOf(VoteOutcome.NotASigner.class);            // Property 9
                continue;
            }
            if (earlier == vote.decision()) {
                assertThat(outcome).isInstanceOf(VoteOutcome.AlreadyRecorded.class);       // Property 3
                continue;
            }
            if (earlier != null) {
                assertThat(outcome).isInstanceOf(VoteOutcome.ConflictsWithEarlierVote.class);
                continue;
            }
            if (before != ProposalStatus.PENDING) {
                assertThat(outcome).isEqualTo(new VoteOutcome.Closed(before));              // no way out
                continue;
            }
            assertThat(outcome).isInstanceOf(VoteOutcome.Recorded.class);
            proposal.record(who, vote.decision());
            long approvals = proposal.count(Decision.APPROVE);
            long rejections = proposal.count(Decision.REJECT);
            ProposalStatus next = ((VoteOutcome.Recorded) outcome).next();
            ProposalStatus expected = approvals >= setup.required() ? ProposalStatus.READY
                    : rejections > setup.signers() - setup.required() ? ProposalStatus.REJECTED
                    : ProposalStatus.PENDING;
            assertThat(next).isEqualTo(expected);
            if (next == ProposalStatus.READY) proposal.becomeReady(NOW);
            if (next == ProposalStatus.REJECTED) proposal.moveTo(ProposalStatus.REJECTED);
        }
        // whatever happened, a proposal is never ready without enough approvals
        if (proposal.status() == ProposalStatus.READY) {
            assertThat(proposal.count(Decision.APPROVE)).isGreaterThanOrEqualTo(setup.required());
        }
        if (proposal.status() == ProposalStatus.PENDING) {
            assertThat(proposal.count(Decision.APPROVE)).isLessThan(setup.required());
            assertThat(proposal.count(Decision.REJECT)).isLessThanOrEqualTo(setup.signers() - setup.required());
        }
    }

    @Property(tries = 100)
    void final_states_have_no_successor_and_every_transition_is_one_of_the_seven_state_machine_edges(
            @ForAll ProposalStatus from, @ForAll ProposalStatus to) {
        List<List<ProposalStatus>> edges = List.of(
                List.of(ProposalStatus.PENDING, ProposalStatus.READY),
                List.of(ProposalStatus.PENDING, ProposalStatus.REJECTED),
                List.of(ProposalStatus.PENDING, ProposalStatus.EXPIRED),
                List.of(ProposalStatus.READY, ProposalStatus.EXECUTING),
                List.of(ProposalStatus.EXECUTING, ProposalStatus.COMPLETED),
                List.of(ProposalStatus.EXECUTING, ProposalStatus.FAILED));
        assertThat(from.canBecome(to)).isEqualTo(edges.contains(List.of(from, to)));
        if (from.isFinal()) {
            assertThat(from.successors()).isEmpty();
        }
    }

    @Property(tries = 100)
    void a_final_proposal_refuses_to_move(@ForAll("setups") Setup setup, @ForAll ProposalStatus target) {
        ProposalState proposal = open(setup, addresses(setup.signers()));
        proposal.moveTo(ProposalStatus.EXPIRED);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> proposal.moveTo(target))
                .isInstanceOf(IllegalStateException.class);
    }
}
