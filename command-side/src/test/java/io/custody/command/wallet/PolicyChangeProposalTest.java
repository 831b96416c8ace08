package io.custody.command.wallet;

import static io.custody.command.wallet.WalletFixtures.ACME;
import static io.custody.command.wallet.WalletFixtures.ALICE;
import static io.custody.command.wallet.WalletFixtures.BOB;
import static io.custody.command.wallet.WalletFixtures.CAROL;
import static io.custody.command.wallet.WalletFixtures.ID;
import static io.custody.command.wallet.WalletFixtures.MALLORY;
import static io.custody.command.wallet.WalletFixtures.NOW;
import static io.custody.command.wallet.WalletFixtures.activated;
import static org.assertj.core.api.Assertions.assertThat;

import io.custody.api.error.Reason;
import io.custody.api.governance.ApprovePolicyChange;
import io.custody.api.governance.CancelPolicyChange;
import io.custody.api.governance.PolicyChange;
import io.custody.api.governance.PolicyChangeApplied;
import io.custody.api.governance.PolicyChangeApproved;
import io.custody.api.governance.PolicyChangeCancelled;
import io.custody.api.governance.PolicyChangeExpired;
import io.custody.api.governance.PolicyChangeFailed;
import io.custody.api.governance.PolicyChangeId;
import io.custody.api.governance.PolicyChangeProposed;
import io.custody.api.governance.PolicyChangeScheduled;
import io.custody.api.governance.PolicyChangeSigningPayload;
import io.custody.api.governance.PolicyDecision;
import io.custody.api.governance.ProposePolicyChange;
import io.custody.api.wallet.SignerAdded;
import io.custody.api.wallet.Threshold;
import io.custody.api.wallet.WalletStatus;
import io.custody.api.wallet.WalletStatusChanged;
import io.custody.api.withdrawal.SignerSignature;
import io.custody.command.governance.PolicyChangeProposal;
import io.custody.command.withdrawal.TestKeys.EvmKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A policy change's life across its own stream and its wallet's (ADR identity-020), on a sealed 2-of-3 wallet: the
 * quorum schedules a loosening change, the time lock's deadline applies it through the wallet's own events, a signer
 * or an administrator cancels it in between, and every forged, misdirected or late approval is refused with nothing
 * recorded.
 */
class PolicyChangeProposalTest {

    static final PolicyChangeId C1 = new PolicyChangeId(UUID.fromString("00000000-0000-4000-8000-0000000000c1"));
    static final PolicyChangeId C2 = new PolicyChangeId(UUID.fromString("00000000-0000-4000-8000-0000000000c2"));
    static final EvmKey DAVE = EvmKey.of(4);
    static final Instant EXPIRES = NOW.plus(Duration.ofDays(3));
    static final Duration TIME_LOCK = Duration.ofHours(48);

    static Workflow sealedWallet() {
        return new Workflow().given(SealedWalletTest.sealed(), activated());
    }

    static PolicyChangeProposed proposed(PolicyChangeId id, PolicyChange change, boolean tightening) {
        return new PolicyChangeProposed(ID, ACME, id, change, List.of(ALICE.address(), BOB.address(),
                CAROL.address()), new Threshold(2), tightening ? 1 : 2, tightening, TIME_LOCK.toSeconds(), EXPIRES,
                NOW);
    }

    static SignerSignature sign(EvmKey key, PolicyChangeProposed change, PolicyDecision decision) {
        return key.sign(PolicyChangeSigningPayload.of(change), decision);
    }

    static ApprovePolicyChange approve(EvmKey key, PolicyChangeProposed change) {
        return new ApprovePolicyChange(ID, change.changeId(), key.address(), sign(key, change, PolicyDecision.APPROVE));
    }

    static PolicyChangeApproved approved(EvmKey key, PolicyChangeProposed change) {
        return new PolicyChangeApproved(ID, change.changeId(), key.address(), sign(key, change, PolicyDecision.APPROVE),
                NOW);
    }

    static final PolicyChangeProposed ADD_DAVE = proposed(C1, PolicyChange.addSigner(DAVE.address()), false);

    /** Alice and Bob approved adding Dave: scheduled for the end of the time lock. */
    static Workflow scheduled() {
        return sealedWallet().given(ADD_DAVE, approved(ALICE, ADD_DAVE), approved(BOB, ADD_DAVE),
                new PolicyChangeScheduled(ID, C1, NOW.plus(TIME_LOCK), NOW));
    }

    @Test
    void a_proposal_snapshots_the_signers_and_threshold_and_is_judged_loosening() {
        sealedWallet().when(new ProposePolicyChange(ID, C1, PolicyChange.addSigner(DAVE.address()), EXPIRES))
                .expectEvents(ADD_DAVE)
                .expectResult(C1)
                .expectScheduledDeadline(EXPIRES, PolicyChangeProposal.EXPIRY);
    }

    @Test
    void the_quorum_schedules_a_loosening_change_after_the_time_lock() {
        sealedWallet().given(ADD_DAVE, approved(ALICE, ADD_DAVE))
                .when(approve(BOB, ADD_DAVE))
                .expectEvents(approved(BOB, ADD_DAVE), new PolicyChangeScheduled(ID, C1, NOW.plus(TIME_LOCK), NOW))
                .expectScheduledDeadline(NOW.plus(TIME_LOCK), PolicyChangeProposal.TIME_LOCK);
    }

    @Test
    void one_approval_of_two_schedules_nothing() {
        sealedWallet().given(ADD_DAVE)
                .when(approve(ALICE, ADD_DAVE))
                .expectEvents(approved(ALICE, ADD_DAVE))
                .expectNoScheduledDeadline(PolicyChangeProposal.TIME_LOCK);
    }

    @Test
    void when_the_time_lock_elapses_the_wallet_applies_the_change_with_its_own_event() {
        Workflow workflow = sealedWallet().given(ADD_DAVE, approved(ALICE, ADD_DAVE)).andGivenCommands(
                approve(BOB, ADD_DAVE));
        workflow.whenTimeAdvancesTo(NOW.plus(TIME_LOCK))
                .expectEvents(new SignerAdded(ID, DAVE.address(), NOW), new PolicyChangeApplied(ID, C1, NOW));
    }

    @Test
    void a_signer_cancels_during_the_time_lock_and_nothing_is_applied_afterwards() {
        Workflow workflow = sealedWallet().given(ADD_DAVE, approved(ALICE, ADD_DAVE)).andGivenCommands(
                approve(BOB, ADD_DAVE));
        SignerSignature cancel = sign(CAROL, ADD_DAVE, PolicyDecision.CANCEL);
        workflow.when(new CancelPolicyChange(ID, C1, CAROL.address(), cancel))
                .expectEvents(new PolicyChangeCancelled(ID, C1, CAROL.address(), cancel, NOW));
        workflow.whenTimeAdvancesTo(NOW.plus(TIME_LOCK)).expectNoEvents();
    }

    @Test
    void an_administrator_cancels_without_a_signature() {
        scheduled().when(new CancelPolicyChange(ID, C1, null, null))
                .expectEvents(new PolicyChangeCancelled(ID, C1, null, null, NOW));
    }

    @Test
    void an_approval_by_a_key_that_is_no_signer_of_the_change_is_refused() {
        sealedWallet().given(ADD_DAVE).when(approve(MALLORY, ADD_DAVE)).expectRejection(Reason.NOT_A_SIGNER);
        // Dave joins only when the change applies: he cannot approve his own joining
        sealedWallet().given(ADD_DAVE).when(approve(DAVE, ADD_DAVE)).expectRejection(Reason.NOT_A_SIGNER);
    }

    @Test
    void a_forged_signature_is_refused() {
        SignerSignature mallorys = sign(MALLORY, ADD_DAVE, PolicyDecision.APPROVE);
        sealedWallet().given(ADD_DAVE).when(new ApprovePolicyChange(ID, C1, ALICE.address(), mallorys))
                .expectRejection(Reason.SIGNATURE_INVALID);
        sealedWallet().given(ADD_DAVE).when(new ApprovePolicyChange(ID, C1, ALICE.address(),
                new SignerSignature("0x" + "11".repeat(65), null))).expectRejection(Reason.SIGNATURE_INVALID);
    }

    @Test
    void a_signature_over_another_change_or_another_decision_is_refused() {
        PolicyChangeProposed other = proposed(C2, PolicyChange.changeThreshold(3), false);
        sealedWallet().given(ADD_DAVE, other)
                .when(new ApprovePolicyChange(ID, C1, ALICE.address(), sign(ALICE, other, PolicyDecision.APPROVE)))
                .expectRejection(Reason.SIGNATURE_INVALID);
        sealedWallet().given(ADD_DAVE)
                .when(new ApprovePolicyChange(ID, C1, ALICE.address(), sign(ALICE, ADD_DAVE, PolicyDecision.CANCEL)))
                .expectRejection(Reason.SIGNATURE_INVALID);
        scheduled()
                .when(new CancelPolicyChange(ID, C1, CAROL.address(), sign(CAROL, ADD_DAVE, PolicyDecision.APPROVE)))
                .expectRejection(Reason.SIGNATURE_INVALID);
    }

    @Test
    void a_change_not_approved_before_its_expiry_expires_and_takes_no_approval_afterwards() {
        Workflow workflow = sealedWallet().andGivenCommands(
                new ProposePolicyChange(ID, C1, PolicyChange.addSigner(DAVE.address()), EXPIRES));
        workflow.whenTimeAdvancesTo(EXPIRES).expectEvents(new PolicyChangeExpired(ID, C1, NOW));
        workflow.when(approve(ALICE, ADD_DAVE)).expectRejection(Reason.POLICY_CHANGE_FINAL);
    }

    @Test
    void a_change_the_wallets_rules_refuse_when_it_is_due_fails_and_the_wallet_is_unchanged() {
        PolicyChangeProposed four = proposed(C2, PolicyChange.changeThreshold(4), false); // 3 signers only
        Workflow workflow = sealedWallet().given(four, approved(ALICE, four)).andGivenCommands(approve(BOB, four));
        workflow.whenTimeAdvancesTo(NOW.plus(TIME_LOCK));
        List<PolicyChangeFailed> failed = workflow.published(PolicyChangeFailed.class);
        assertThat(failed).singleElement().satisfies(f -> {
            assertThat(f.reasonCode()).isEqualTo(Reason.SIGNER_RULES_VIOLATED.name());
            assertThat(f.reason()).contains("threshold");
        });
        assertThat(workflow.published(io.custody.api.wallet.ThresholdChanged.class)).isEmpty();
        assertThat(workflow.published(PolicyChangeApplied.class)).isEmpty();
    }

    @Test
    void a_tightening_change_takes_effect_at_once_with_one_approval() {
        PolicyChangeProposed suspend = proposed(C2, PolicyChange.suspend("incident"), true);
        sealedWallet().given(suspend).when(approve(CAROL, suspend))
                .expectEvents(approved(CAROL, suspend),
                        new WalletStatusChanged(ID, WalletStatus.ACTIVE, WalletStatus.SUSPENDED, "incident", NOW),
                        new PolicyChangeApplied(ID, C2, NOW));
    }

    @Test
    void a_repeated_proposal_is_acknowledged_and_other_content_under_the_same_id_refused() {
        sealedWallet().given(ADD_DAVE)
                .when(new ProposePolicyChange(ID, C1, PolicyChange.addSigner(DAVE.address()), EXPIRES))
                .expectNoEvents().expectResult(C1);
        sealedWallet().given(ADD_DAVE)
                .when(new ProposePolicyChange(ID, C1, PolicyChange.addSigner(MALLORY.address()), EXPIRES))
                .expectRejection(Reason.IDEMPOTENCY_KEY_REUSED);
    }

    @Test
    void an_invalid_change_is_refused_before_any_signer_is_asked() {
        sealedWallet().when(new ProposePolicyChange(ID, C1, PolicyChange.changeThreshold(1), EXPIRES))
                .expectRejection(Reason.SIGNER_RULES_VIOLATED);
        sealedWallet().when(new ProposePolicyChange(ID, C1, PolicyChange.addSigner(DAVE.address()), NOW))
                .expectRejection(Reason.EXPIRY_OUT_OF_RANGE);
    }
}
