package io.custody.command.wallet;

import static io.custody.command.wallet.WalletFixtures.ALICE;
import static io.custody.command.wallet.WalletFixtures.APTOS_ALICE;
import static io.custody.command.wallet.WalletFixtures.APTOS_BOB;
import static io.custody.command.wallet.WalletFixtures.APTOS_PAYEE;
import static io.custody.command.wallet.WalletFixtures.BOB;
import static io.custody.command.wallet.WalletFixtures.CAROL;
import static io.custody.command.wallet.WalletFixtures.EXPIRES;
import static io.custody.command.wallet.WalletFixtures.EVM_ADDRESS;
import static io.custody.command.wallet.WalletFixtures.ID;
import static io.custody.command.wallet.WalletFixtures.MALLORY;
import static io.custody.command.wallet.WalletFixtures.NOW;
import static io.custody.command.wallet.WalletFixtures.OTHER_PAYEE;
import static io.custody.command.wallet.WalletFixtures.P1;
import static io.custody.command.wallet.WalletFixtures.P2;
import static io.custody.command.wallet.WalletFixtures.PAYEE;
import static io.custody.command.wallet.WalletFixtures.USDC;
import static io.custody.command.wallet.WalletFixtures.aptosActivated;
import static io.custody.command.wallet.WalletFixtures.aptosCreated;
import static io.custody.command.wallet.WalletFixtures.activated;
import static io.custody.command.wallet.WalletFixtures.created;
import static io.custody.command.wallet.WalletFixtures.deposit;
import static io.custody.command.wallet.WalletFixtures.propose;
import static io.custody.command.wallet.WalletFixtures.opened;
import static io.custody.command.wallet.WalletFixtures.proposed;
import static io.custody.command.wallet.WalletFixtures.ACME;

import io.custody.api.deposit.DepositId;
import io.custody.api.error.Reason;
import io.custody.api.deposit.DepositCredited;
import io.custody.api.withdrawal.ProposalStatus;
import io.custody.api.withdrawal.ReservationReleased;
import io.custody.api.withdrawal.WithdrawalReserved;
import io.custody.api.withdrawal.WithdrawalSettled;
import io.custody.command.withdrawal.WithdrawalProposal;
import io.custody.api.error.Rejection;
import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.Threshold;
import io.custody.api.wallet.TokenLimits;
import io.custody.api.wallet.WalletId;
import io.custody.api.wallet.WalletStatus;
import io.custody.api.withdrawal.ProposalId;
import io.custody.api.wallet.WalletStatusChanged;
import io.custody.api.wallet.WhitelistAddressAdded;
import io.custody.api.wallet.WithdrawalDelaySet;
import io.custody.api.wallet.WithdrawalLimitsSet;
import io.custody.api.withdrawal.ApproveProposal;
import io.custody.api.withdrawal.CompleteWithdrawal;
import io.custody.api.withdrawal.Decision;
import io.custody.api.withdrawal.FailWithdrawal;
import io.custody.api.withdrawal.LimitBreach;
import io.custody.api.withdrawal.ProposalApproved;
import io.custody.api.withdrawal.ProposalExpired;
import io.custody.api.withdrawal.ProposalReady;
import io.custody.api.withdrawal.ProposalRejected;
import io.custody.api.withdrawal.ProposalRejectionCast;
import io.custody.api.withdrawal.ProposalSigningPayload;
import io.custody.api.withdrawal.ProposeWithdrawal;
import io.custody.api.withdrawal.RejectProposal;
import io.custody.api.withdrawal.SignerSignature;
import io.custody.api.withdrawal.StartWithdrawalExecution;
import io.custody.api.withdrawal.WithdrawalCompleted;
import io.custody.api.withdrawal.WithdrawalDelayElapsed;
import io.custody.api.withdrawal.WithdrawalExecutionStarted;
import io.custody.api.withdrawal.WithdrawalFailed;
import io.custody.api.withdrawal.WithdrawalProposed;
import io.custody.command.withdrawal.TestKeys.EvmKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The proposal workflow across its two streams: the wallet decides and reserves, the proposal collects votes and
 * runs its deadlines, and every end of a proposal releases or settles the wallet's reservation in the same step.
 */
class WithdrawalProposalTest {

    private static ApproveProposal approve(EvmKey key, WithdrawalProposed proposal) {
        return new ApproveProposal(ID, proposal.proposalId(), key.address(),
                key.sign(ProposalSigningPayload.of(proposal), Decision.APPROVE));
    }

    private static SignerSignature approval(EvmKey key, WithdrawalProposed proposal) {
        return key.sign(ProposalSigningPayload.of(proposal), Decision.APPROVE);
    }

    private static RejectProposal reject(EvmKey key, WithdrawalProposed proposal) {
        return new RejectProposal(ID, proposal.proposalId(), key.address(),
                key.sign(ProposalSigningPayload.of(proposal), Decision.REJECT), "no");
    }

    private static Workflow given(Object... events) {
        return new Workflow().given(events);
    }

    /** A proposal with the given policy values, and the wallet's reservation for it. */
    private static List<Object> openedAs(WithdrawalProposed proposal) {
        return List.of(new WithdrawalReserved(ID, proposal.proposalId(), proposal.nonce(), proposal.token(),
                proposal.amount(), proposal.proposedAt()), proposal);
    }

    private static WithdrawalProposed custom(ProposalId id, long amount, int required, List<LimitBreach> breaches,
                                             int delayHours, Threshold threshold) {
        return new WithdrawalProposed(ID, ACME, id, 1, ALICE.address(), PAYEE, USDC, Amount.of(amount),
                created().signers(), threshold, required, breaches, delayHours, EXPIRES, NOW,
                WalletFixtures.aliceRequest(id, amount));
    }

    /** The second proposal of 101 when 400 already count against a daily limit of 500. */
    private static WithdrawalProposed secondOverTheDailyLimit() {
        return new WithdrawalProposed(ID, ACME, P2, 2, ALICE.address(), PAYEE, USDC, Amount.of(101),
                created().signers(), new Threshold(2), 3, List.of(LimitBreach.DAILY), 0, EXPIRES, NOW,
                WalletFixtures.aliceRequest(P2, 101));
    }

    private static ReservationReleased released(ProposalId id, long amount, ProposalStatus outcome) {
        return new ReservationReleased(ID, id, USDC, Amount.of(amount), outcome, NOW);
    }

    // ----- proposing -----

    @Test
    void a_signer_proposes_a_withdrawal_which_reserves_the_amount_under_nonce_one_and_schedules_its_expiry() {
        given(created(), activated(), deposit(1_000))
                .when(propose(P1, ALICE, 400))
                .expectEvents(opened(P1, 1, 400))
                .expectResult(P1)
                .expectScheduledDeadline(EXPIRES, WithdrawalProposal.EXPIRY);
    }

    @Test
    void the_next_proposal_gets_the_next_nonce() {
        given(created(), activated(), deposit(1_000), opened(P1, 1, 400))
                .when(propose(P2, ALICE, 400))
                .expectEvents(opened(P2, 2, 400));
    }

    @Test
    void repeating_a_proposal_returns_it_without_a_new_event_and_other_content_is_a_conflict() {
        given(created(), activated(), deposit(1_000), opened(P1, 1, 400))
                .when(propose(P1, ALICE, 400))
                .expectNoEvents()
                .expectResult(P1);
        given(created(), activated(), deposit(1_000), opened(P1, 1, 400))
                .when(propose(P1, ALICE, 401))
                .expectRejection(new Rejection(Reason.IDEMPOTENCY_KEY_REUSED,
                        "proposal " + P1 + " already exists with different content", Map.of()));
    }

    @Test
    void repeating_a_proposal_after_it_ended_still_returns_it() {
        given(created(), activated(), deposit(1_000), opened(P1, 1, 400), new ProposalExpired(ID, P1, NOW),
                        released(P1, 400, ProposalStatus.EXPIRED))
                .when(propose(P1, ALICE, 400))
                .expectNoEvents()
                .expectResult(P1);
    }

    @Test
    void a_proposal_id_already_used_by_another_wallet_is_refused_and_changes_nothing() {
        WalletId other = new WalletId(java.util.UUID.randomUUID());
        WithdrawalProposed elsewhere = new WithdrawalProposed(other, ACME, P1, 1, ALICE.address(), PAYEE, USDC,
                Amount.of(5), created().signers(), new Threshold(2), 2, List.of(), 0, EXPIRES, NOW, null);
        given(created(), activated(), deposit(1_000), elsewhere)
                .when(propose(P1, ALICE, 400))
                .expectRejection(Reason.ID_TAKEN);
    }

    @Test
    void someone_who_is_not_a_signer_cannot_propose() {
        given(created(), activated(), deposit(1_000))
                .when(WalletFixtures.proposeWithoutProof(P1, MALLORY.address(), 400))
                .expectRejection(new Rejection(Reason.NOT_A_SIGNER,
                        "only a signer of wallet " + ID + " may propose a withdrawal", Map.of()));
    }

    @Test
    void a_signer_named_as_proposer_must_have_signed_the_request_itself() {
        given(created(), activated(), deposit(1_000))
                .when(WalletFixtures.proposeWithoutProof(P1, BOB.address(), 400))
                .expectRejection(Reason.SIGNATURE_INVALID);
    }

    @Test
    void a_request_signature_cannot_be_moved_to_another_amount() {
        ProposeWithdrawal signed = propose(P1, ALICE, 400);
        given(created(), activated(), deposit(1_000))
                .when(new ProposeWithdrawal(ID, P1, ALICE.address(), PAYEE, USDC, Amount.of(401), EXPIRES,
                        signed.proposerSignature()))
                .expectRejection(Reason.SIGNATURE_INVALID);
    }

    @Test
    void rejects_an_amount_above_the_available_balance_counting_reservations() {
        given(created(), activated(), deposit(1_000), opened(P1, 1, 700))
                .when(propose(P2, ALICE, 301))
                .expectRejection(new Rejection(Reason.INSUFFICIENT_BALANCE, "Invalid withdrawal proposal",
                        Map.of("amount", List.of("Amount exceeds available balance (300)"))));
    }

    @Test
    void rejects_a_zero_amount_a_past_expiry_and_a_destination_off_the_whitelist_together() {
        given(created(), activated(), deposit(1_000), new WhitelistAddressAdded(ID, OTHER_PAYEE, NOW))
                .when(new ProposeWithdrawal(ID, P1, ALICE.address(), PAYEE, USDC, Amount.ZERO, NOW, null))
                .expectRejection(new Rejection(Reason.DESTINATION_NOT_WHITELISTED, "Invalid withdrawal proposal",
                        Map.of("to", List.of("Address not in whitelist"), "amount", List.of("must be above zero"),
                                "expiresAt", List.of("must be in the future"))));
    }

    @Test
    void a_whitelisted_destination_is_accepted() {
        given(created(), activated(), deposit(1_000), new WhitelistAddressAdded(ID, PAYEE, NOW))
                .when(propose(P1, ALICE, 10))
                .expectEvents(opened(P1, 1, 10));
    }

    @Test
    void a_suspended_or_closed_wallet_accepts_no_new_proposal() {
        for (WalletStatus status : List.of(WalletStatus.SUSPENDED, WalletStatus.CLOSED)) {
            given(created(), activated(), deposit(1_000), new WalletStatusChanged(ID, WalletStatus.ACTIVE, status, "", NOW))
                    .when(propose(P1, ALICE, 10))
                    .expectRejection(new Rejection(Reason.WALLET_NOT_ACTIVE,
                            "wallet " + ID + " is " + status + " and accepts no new proposals", Map.of()));
        }
    }

    @Test
    void a_proposal_above_the_single_limit_needs_one_more_approval_and_says_why() {
        given(created(), activated(), deposit(1_000),
                        new WithdrawalLimitsSet(ID, USDC, new TokenLimits(Amount.of(100), null, null), NOW))
                .when(propose(P1, ALICE, 101))
                .expectEvents(openedAs(custom(P1, 101, 3, List.of(LimitBreach.SINGLE), 0, new Threshold(2))));
    }

    @Test
    void the_daily_limit_counts_withdrawals_still_in_flight() {
        given(created(), activated(), deposit(1_000),
                        new WithdrawalLimitsSet(ID, USDC, new TokenLimits(null, Amount.of(500), null), NOW),
                        opened(P1, 1, 400))
                .when(propose(P2, ALICE, 101))
                .expectEvents(openedAs(secondOverTheDailyLimit()));
    }

    @Test
    void a_rejected_withdrawal_no_longer_counts_towards_the_daily_limit() {
        given(created(), activated(), deposit(1_000),
                        new WithdrawalLimitsSet(ID, USDC, new TokenLimits(null, Amount.of(500), null), NOW),
                        opened(P1, 1, 400), new ProposalRejected(ID, P1, NOW), released(P1, 400, ProposalStatus.REJECTED))
                .when(propose(P2, ALICE, 101))
                .expectEvents(opened(P2, 2, 101));
    }

    @Test
    void a_settled_withdrawal_still_counts_towards_the_daily_limit() {
        given(created(), activated(), deposit(1_000),
                        new WithdrawalLimitsSet(ID, USDC, new TokenLimits(null, Amount.of(500), null), NOW),
                        opened(P1, 1, 400), new WithdrawalSettled(ID, P1, USDC, Amount.of(400), "0xfeed", NOW))
                .when(propose(P2, ALICE, 101))
                .expectEvents(openedAs(secondOverTheDailyLimit()));
    }

    @Test
    void the_extra_approval_is_capped_at_the_number_of_signers() {
        given(created(), activated(), new io.custody.api.wallet.ThresholdChanged(ID, new Threshold(2), new Threshold(3), NOW),
                        deposit(1_000), new WithdrawalLimitsSet(ID, USDC, new TokenLimits(Amount.of(1), null, null), NOW))
                .when(propose(P1, ALICE, 2))
                .expectEvents(openedAs(custom(P1, 2, 3, List.of(LimitBreach.SINGLE), 0, new Threshold(3))));
    }

    // ----- voting -----

    @Test
    void a_valid_approval_is_recorded_and_the_proposal_stays_pending_below_the_threshold() {
        WithdrawalProposed p = proposed(P1, 1, 400);
        given(created(), activated(), deposit(1_000), opened(P1, 1, 400))
                .when(approve(BOB, p))
                .expectEvents(new ProposalApproved(ID, P1, BOB.address(), approval(BOB, p), NOW));
    }

    @Test
    void reaching_the_threshold_makes_the_proposal_ready_and_with_no_delay_executable_at_once() {
        WithdrawalProposed p = proposed(P1, 1, 400);
        given(created(), activated(), deposit(1_000), opened(P1, 1, 400),
                        new ProposalApproved(ID, P1, ALICE.address(), approval(ALICE, p), NOW))
                .when(approve(BOB, p))
                .expectEvents(new ProposalApproved(ID, P1, BOB.address(), approval(BOB, p), NOW),
                        new ProposalReady(ID, P1, NOW, NOW), new WithdrawalDelayElapsed(ID, P1, NOW));
    }

    @Test
    void with_a_delay_the_ready_proposal_waits_for_a_persistent_deadline() {
        WithdrawalProposed p = custom(P1, 400, 2, List.of(), 2, new Threshold(2));
        given(created(), activated(), new WithdrawalDelaySet(ID, 2, NOW), deposit(1_000), openedAs(p),
                        new ProposalApproved(ID, P1, ALICE.address(), approval(ALICE, p), NOW))
                .when(approve(BOB, p))
                .expectEvents(new ProposalApproved(ID, P1, BOB.address(), approval(BOB, p), NOW),
                        new ProposalReady(ID, P1, NOW.plus(Duration.ofHours(2)), NOW))
                .expectScheduledDeadline(NOW.plus(Duration.ofHours(2)), WithdrawalProposal.DELAY);
    }

    @Test
    void the_delay_deadline_makes_the_ready_proposal_executable() {
        given(created(), activated(), new WithdrawalDelaySet(ID, 2, NOW), deposit(1_000))
                .andGivenCommands(propose(P1, ALICE, 400))
                .andGivenCommands(approve(ALICE, delayed()), approve(BOB, delayed()))
                .whenTimeAdvancesTo(NOW.plus(Duration.ofHours(2)).plusSeconds(1))
                .expectEvents(new WithdrawalDelayElapsed(ID, P1, NOW));
    }

    private static WithdrawalProposed delayed() {
        return custom(P1, 400, 2, List.of(), 2, new Threshold(2));
    }

    @Test
    void a_repeated_approval_by_the_same_signer_stores_nothing_new() {
        WithdrawalProposed p = proposed(P1, 1, 400);
        given(created(), activated(), deposit(1_000), opened(P1, 1, 400),
                        new ProposalApproved(ID, P1, BOB.address(), approval(BOB, p), NOW))
                .when(approve(BOB, p))
                .expectSuccess()
                .expectNoEvents();
    }

    @Test
    void a_repeated_vote_on_a_final_proposal_is_still_answered_idempotently() {
        WithdrawalProposed p = proposed(P1, 1, 400);
        SignerSignature bobNo = BOB.sign(ProposalSigningPayload.of(p), Decision.REJECT);
        SignerSignature carolNo = CAROL.sign(ProposalSigningPayload.of(p), Decision.REJECT);
        given(created(), activated(), deposit(1_000), opened(P1, 1, 400),
                        new ProposalRejectionCast(ID, P1, BOB.address(), bobNo, "no", NOW),
                        new ProposalRejectionCast(ID, P1, CAROL.address(), carolNo, "no", NOW),
                        new ProposalRejected(ID, P1, NOW), released(P1, 400, ProposalStatus.REJECTED))
                .when(reject(CAROL, p))
                .expectSuccess()
                .expectNoEvents();
    }

    @Test
    void an_approval_signed_over_another_proposal_is_refused() {
        WithdrawalProposed p = proposed(P1, 1, 400);
        WithdrawalProposed other = proposed(P2, 2, 400);
        given(created(), activated(), deposit(1_000), opened(P1, 1, 400), opened(P2, 2, 400))
                .when(new ApproveProposal(ID, P1, BOB.address(), approval(BOB, other)))
                .expectRejection(Reason.SIGNATURE_INVALID);
    }

    @Test
    void an_approval_signed_by_another_signer_is_refused() {
        WithdrawalProposed p = proposed(P1, 1, 400);
        given(created(), activated(), deposit(1_000), opened(P1, 1, 400))
                .when(new ApproveProposal(ID, P1, BOB.address(), approval(CAROL, p)))
                .expectRejection(Reason.SIGNATURE_INVALID);
    }

    @Test
    void an_approval_signature_cannot_be_replayed_as_a_rejection() {
        WithdrawalProposed p = proposed(P1, 1, 400);
        given(created(), activated(), deposit(1_000), opened(P1, 1, 400))
                .when(new RejectProposal(ID, P1, BOB.address(), approval(BOB, p), "replayed"))
                .expectRejection(Reason.SIGNATURE_INVALID);
    }

    @Test
    void someone_who_is_not_a_signer_of_the_proposal_cannot_vote_even_with_a_valid_signature() {
        WithdrawalProposed p = proposed(P1, 1, 400);
        given(created(), activated(), deposit(1_000), opened(P1, 1, 400))
                .when(approve(MALLORY, p))
                .expectRejection(new Rejection(Reason.NOT_A_SIGNER,
                        "only a signer of the proposal may approve it", Map.of()));
    }

    @Test
    void a_vote_through_another_wallet_finds_no_proposal_and_changes_nothing() {
        WithdrawalProposed p = proposed(P1, 1, 400);
        WalletId other = new WalletId(java.util.UUID.randomUUID());
        given(created(), activated(), deposit(1_000), opened(P1, 1, 400))
                .when(new ApproveProposal(other, P1, BOB.address(), approval(BOB, p)))
                .expectRejection(Reason.PROPOSAL_NOT_FOUND);
    }

    @Test
    void a_signer_cannot_switch_from_approval_to_rejection() {
        WithdrawalProposed p = proposed(P1, 1, 400);
        given(created(), activated(), deposit(1_000), opened(P1, 1, 400),
                        new ProposalApproved(ID, P1, BOB.address(), approval(BOB, p), NOW))
                .when(reject(BOB, p))
                .expectRejection(Reason.VOTE_CONFLICTS_WITH_EARLIER_VOTE);
    }

    @Test
    void rejections_beyond_signers_minus_threshold_reject_the_proposal_and_release_its_reservation_together() {
        WithdrawalProposed p = proposed(P1, 1, 400);
        SignerSignature bobNo = BOB.sign(ProposalSigningPayload.of(p), Decision.REJECT);
        given(created(), activated(), deposit(1_000), opened(P1, 1, 400),
                        new ProposalRejectionCast(ID, P1, BOB.address(), bobNo, "no", NOW))
                .when(reject(CAROL, p))
                .expectEvents(new ProposalRejectionCast(ID, P1, CAROL.address(),
                                CAROL.sign(ProposalSigningPayload.of(p), Decision.REJECT), "no", NOW),
                        new ProposalRejected(ID, P1, NOW), released(P1, 400, ProposalStatus.REJECTED));
    }

    @Test
    void a_final_proposal_takes_no_new_votes() {
        WithdrawalProposed p = proposed(P1, 1, 400);
        given(created(), activated(), deposit(1_000), opened(P1, 1, 400), new ProposalExpired(ID, P1, NOW),
                        released(P1, 400, ProposalStatus.EXPIRED))
                .when(approve(BOB, p))
                .expectRejection(new Rejection(Reason.PROPOSAL_FINAL,
                        "proposal " + P1 + " is EXPIRED and takes no votes", Map.of()));
    }

    @Test
    void the_expiry_deadline_expires_a_pending_proposal_and_releases_its_reservation() {
        Workflow workflow = given(created(), activated(), deposit(1_000))
                .andGivenCommands(propose(P1, ALICE, 1_000))
                .whenTimeAdvancesTo(EXPIRES.plusSeconds(1))
                .expectEvents(new ProposalExpired(ID, P1, NOW), released(P1, 1_000, ProposalStatus.EXPIRED));
        workflow.when(propose(P2, ALICE, 1_000))
                .expectEvents(opened(P2, 2, 1_000));
    }

    @Test
    void the_expiry_deadline_leaves_a_ready_proposal_alone() {
        WithdrawalProposed p = proposed(P1, 1, 400);
        given(created(), activated(), deposit(1_000))
                .andGivenCommands(propose(P1, ALICE, 400), approve(ALICE, p), approve(BOB, p))
                .whenTimeAdvancesTo(EXPIRES.plusSeconds(1))
                .expectNoEvents();
    }

    @Test
    void a_vote_arriving_after_expiry_but_before_the_deadline_fired_does_not_count() {
        WithdrawalProposed late = new WithdrawalProposed(ID, ACME, P1, 1, ALICE.address(), PAYEE, USDC,
                Amount.of(400), created().signers(), new Threshold(2), 2, List.of(), 0, NOW, NOW.minusSeconds(60),
                null);
        given(created(), activated(), deposit(1_000), openedAs(late))
                .when(approve(BOB, late))
                .expectRejection(new Rejection(Reason.PROPOSAL_EXPIRED,
                        "proposal " + P1 + " expired at " + NOW, Map.of()));
    }

    // ----- execution states (entered by the execution saga) -----

    @Test
    void execution_starts_only_after_the_delay_and_completion_settles_the_reservation() {
        given(created(), activated(), deposit(1_000), opened(P1, 1, 1_000), new ProposalReady(ID, P1, NOW, NOW))
                .when(new StartWithdrawalExecution(ID, P1))
                .expectRejection(Reason.PROPOSAL_NOT_EXECUTABLE);
        given(created(), activated(), deposit(1_000), opened(P1, 1, 1_000), new ProposalReady(ID, P1, NOW, NOW),
                        new WithdrawalDelayElapsed(ID, P1, NOW))
                .when(new StartWithdrawalExecution(ID, P1))
                .expectEvents(new WithdrawalExecutionStarted(ID, P1, "evm-1", EVM_ADDRESS, PAYEE, USDC, Amount.of(1_000), NOW));
        Workflow executing = given(created(), activated(), deposit(1_000), opened(P1, 1, 1_000),
                new ProposalReady(ID, P1, NOW, NOW), new WithdrawalDelayElapsed(ID, P1, NOW),
                new WithdrawalExecutionStarted(ID, P1, "evm-1", EVM_ADDRESS, PAYEE, USDC, Amount.of(1_000), NOW));
        executing.when(new CompleteWithdrawal(ID, P1, "0xfeed"))
                .expectEvents(new WithdrawalCompleted(ID, P1, "0xfeed", NOW),
                        new WithdrawalSettled(ID, P1, USDC, Amount.of(1_000), "0xfeed", NOW));
        executing.when(new CompleteWithdrawal(ID, P1, "0xfeed"))
                .expectSuccess()
                .expectNoEvents();
        executing.when(propose(P2, ALICE, 1))
                .expectRejection(new Rejection(Reason.INSUFFICIENT_BALANCE, "Invalid withdrawal proposal",
                        Map.of("amount", List.of("Amount exceeds available balance (0)"))));
    }

    @Test
    void a_failed_withdrawal_releases_its_reservation_and_is_final() {
        Workflow executing = given(created(), activated(), deposit(1_000), opened(P1, 1, 1_000),
                new ProposalReady(ID, P1, NOW, NOW), new WithdrawalDelayElapsed(ID, P1, NOW),
                new WithdrawalExecutionStarted(ID, P1, "evm-1", EVM_ADDRESS, PAYEE, USDC, Amount.of(1_000), NOW));
        executing.when(new FailWithdrawal(ID, P1, "rpc down"))
                .expectEvents(new WithdrawalFailed(ID, P1, "rpc down", NOW), released(P1, 1_000, ProposalStatus.FAILED));
        executing.when(new CompleteWithdrawal(ID, P1, "0xfeed"))
                .expectRejection(Reason.PROPOSAL_FINAL);
        executing.when(propose(P2, ALICE, 1_000))
                .expectEvents(opened(P2, 2, 1_000));
    }

    // ----- Aptos signers -----

    private static WithdrawalProposed aptosProposal() {
        return new WithdrawalProposed(ID, ACME, P1, 1, APTOS_ALICE.address(), APTOS_PAYEE, USDC,
                Amount.of(10), aptosCreated().signers(), new Threshold(2), 2, List.of(), 0, EXPIRES, NOW, null);
    }

    @Test
    void aptos_signers_approve_with_ed25519_and_their_public_key() {
        WithdrawalProposed p = aptosProposal();
        SignerSignature alice = APTOS_ALICE.sign(ProposalSigningPayload.of(p), Decision.APPROVE);
        SignerSignature bob = APTOS_BOB.sign(ProposalSigningPayload.of(p), Decision.APPROVE);
        given(aptosCreated(), aptosActivated(), new DepositCredited(ID, new DepositId("d1"), USDC, Amount.of(10), NOW), openedAs(p),
                        new ProposalApproved(ID, P1, APTOS_ALICE.address(), alice, NOW))
                .when(new ApproveProposal(ID, P1, APTOS_BOB.address(), bob))
                .expectEvents(new ProposalApproved(ID, P1, APTOS_BOB.address(), bob, NOW),
                        new ProposalReady(ID, P1, NOW, NOW), new WithdrawalDelayElapsed(ID, P1, NOW));
    }

    @Test
    void an_aptos_signer_presenting_someone_elses_key_is_refused() {
        WithdrawalProposed p = aptosProposal();
        SignerSignature alices = APTOS_ALICE.sign(ProposalSigningPayload.of(p), Decision.APPROVE);
        given(aptosCreated(), aptosActivated(), openedAs(p))
                .when(new ApproveProposal(ID, P1, APTOS_BOB.address(), alices))
                .expectRejection(Reason.SIGNATURE_INVALID);
    }

    @Test
    void a_token_without_deposits_has_nothing_available() {
        given(created(), activated(), deposit(1_000))
                .when(new ProposeWithdrawal(ID, P1, ALICE.address(), PAYEE, new TokenId("USDT"), Amount.of(1), EXPIRES,
                        null))
                .expectRejection(Reason.INSUFFICIENT_BALANCE);
    }
}
