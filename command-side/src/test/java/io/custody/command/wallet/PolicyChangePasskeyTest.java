package io.custody.command.wallet;

import static io.custody.command.wallet.WalletFixtures.ACME;
import static io.custody.command.wallet.WalletFixtures.ALICE;
import static io.custody.command.wallet.WalletFixtures.ID;
import static io.custody.command.wallet.WalletFixtures.NOW;
import static io.custody.command.wallet.WalletFixtures.activated;
import static org.assertj.core.api.Assertions.assertThat;

import io.custody.api.error.Reason;
import io.custody.api.governance.ApprovePolicyChange;
import io.custody.api.governance.CancelPolicyChange;
import io.custody.api.governance.PolicyChange;
import io.custody.api.governance.PolicyChangeApproved;
import io.custody.api.governance.PolicyChangeCancelled;
import io.custody.api.governance.PolicyChangeId;
import io.custody.api.governance.PolicyChangeProposed;
import io.custody.api.governance.PolicyChangeScheduled;
import io.custody.api.governance.PolicyChangeSigningPayload;
import io.custody.api.governance.PolicyDecision;
import io.custody.api.identity.MemberId;
import io.custody.api.identity.PasskeyRegistered;
import io.custody.api.identity.PasskeyRevoked;
import io.custody.api.identity.PasskeyUsed;
import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.CustodyWalletCreated;
import io.custody.api.wallet.Threshold;
import io.custody.api.withdrawal.PasskeyAssertion;
import io.custody.command.withdrawal.TestKeys.EvmKey;
import io.custody.command.withdrawal.TestPasskeys;
import io.custody.command.withdrawal.TestPasskeys.Device;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.junit.jupiter.api.Test;

/**
 * Passkey signers approve and cancel policy changes (ADR identity-020) with the check of their proposal votes
 * (ADR identity-003), the challenge derived from the change's own digest: an assertion over another change, another
 * decision or a proposal, another member's passkey or a revoked one is refused and nothing is recorded.
 */
class PolicyChangePasskeyTest {

    static final MemberId PAT = MemberId.random();
    static final MemberId QUINN = MemberId.random();
    static final Device PATS = TestPasskeys.register();
    static final Device QUINNS = TestPasskeys.register();
    static final PolicyChangeId C1 = new PolicyChangeId(UUID.fromString("00000000-0000-4000-8000-0000000000d1"));
    static final PolicyChangeId C2 = new PolicyChangeId(UUID.fromString("00000000-0000-4000-8000-0000000000d2"));
    static final EvmKey DAVE = EvmKey.of(4);

    static final List<io.custody.api.wallet.SignerAddress> SIGNERS = List.of(ALICE.address(), PATS.signer(),
            QUINNS.signer());

    /** A sealed 2-of-3 wallet whose signers are Alice's key and Pat's and Quinn's passkeys. */
    static CustodyWalletCreated created() {
        return new CustodyWalletCreated(ID, ACME, "Treasury", SIGNERS, new Threshold(2), ChainFamily.EVM,
                NOW.minus(Duration.ofHours(49)));
    }

    static PolicyChangeProposed proposed(PolicyChangeId id, PolicyChange change) {
        return new PolicyChangeProposed(ID, ACME, id, change, SIGNERS, new Threshold(2), 2, false,
                Duration.ofHours(48).toSeconds(), NOW.plus(Duration.ofDays(3)), NOW);
    }

    static final PolicyChangeProposed ADD_DAVE = proposed(C1, PolicyChange.addSigner(DAVE.address()));
    static final PolicyChangeProposed THRESHOLD = proposed(C2, PolicyChange.changeThreshold(3));

    static PasskeyRegistered registered(MemberId member, Device device) {
        return new PasskeyRegistered(member, ACME, device.credentialIdText(), device.publicKeyText(), 0, "none", false,
                false, "Laptop", NOW);
    }

    static Workflow given(Object... more) {
        return new Workflow(TestPasskeys.RELYING_PARTY).given(created(), activated(), ADD_DAVE, THRESHOLD,
                registered(PAT, PATS), registered(QUINN, QUINNS)).given(more);
    }

    static Object as(MemberId member, Object command) {
        return GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of("organisation", ACME.value(),
                "callerId", member.toString(), "callerKind", "MEMBER"));
    }

    static PasskeyAssertion decided(Device device, PolicyChangeProposed change, PolicyDecision decision) {
        return device.decide(PolicyChangeSigningPayload.of(change), decision);
    }

    static ApprovePolicyChange approve(Device device, PolicyChangeProposed change, PasskeyAssertion assertion) {
        return new ApprovePolicyChange(ID, change.changeId(), device.signer(), null, assertion);
    }

    @Test
    void two_passkey_signers_approve_a_change_to_scheduled_and_each_approval_keeps_its_assertion() {
        PasskeyAssertion pats = decided(PATS, ADD_DAVE, PolicyDecision.APPROVE);
        Workflow workflow = given().when(as(PAT, approve(PATS, ADD_DAVE, pats))).expectSuccess();
        assertThat(workflow.published(PolicyChangeApproved.class)).singleElement()
                .satisfies(e -> assertThat(e.passkey()).isEqualTo(pats))
                .satisfies(e -> assertThat(e.signature()).isNull());
        assertThat(workflow.published(PasskeyUsed.class)).singleElement()
                .satisfies(e -> assertThat(e.member()).isEqualTo(PAT));

        workflow.when(as(QUINN, approve(QUINNS, ADD_DAVE, decided(QUINNS, ADD_DAVE, PolicyDecision.APPROVE))))
                .expectSuccess();
        assertThat(workflow.published(PolicyChangeScheduled.class)).hasSize(1);
    }

    @Test
    void a_passkey_signer_cancels_with_an_assertion_over_the_cancel_decision() {
        PasskeyAssertion cancel = decided(QUINNS, ADD_DAVE, PolicyDecision.CANCEL);
        Workflow workflow = given().when(as(QUINN, new CancelPolicyChange(ID, C1, QUINNS.signer(), null, cancel)))
                .expectSuccess();
        assertThat(workflow.published(PolicyChangeCancelled.class)).singleElement()
                .satisfies(e -> assertThat(e.passkey()).isEqualTo(cancel))
                .satisfies(e -> assertThat(e.signer()).isEqualTo(QUINNS.signer()));
    }

    @Test
    void an_assertion_over_another_change_another_decision_or_a_proposal_is_refused_and_nothing_is_recorded() {
        given().when(as(PAT, approve(PATS, ADD_DAVE, decided(PATS, THRESHOLD, PolicyDecision.APPROVE))))
                .expectRejection(Reason.SIGNATURE_INVALID);
        given().when(as(PAT, approve(PATS, ADD_DAVE, decided(PATS, ADD_DAVE, PolicyDecision.CANCEL))))
                .expectRejection(Reason.SIGNATURE_INVALID);
        given().when(as(PAT, new CancelPolicyChange(ID, C1, PATS.signer(), null,
                decided(PATS, ADD_DAVE, PolicyDecision.APPROVE)))).expectRejection(Reason.SIGNATURE_INVALID);
        // a withdrawal vote's assertion (another domain of digest) is no policy decision
        given().when(as(PAT, approve(PATS, ADD_DAVE, PATS.vote(io.custody.api.withdrawal.ProposalSigningPayload.of(
                WalletFixtures.proposed(WalletFixtures.P1, 1, 100)), io.custody.api.withdrawal.Decision.APPROVE))))
                .expectRejection(Reason.SIGNATURE_INVALID);
    }

    @Test
    void another_members_passkey_a_revoked_one_or_no_member_behind_it_is_refused() {
        given().when(as(QUINN, approve(PATS, ADD_DAVE, decided(PATS, ADD_DAVE, PolicyDecision.APPROVE))))
                .expectRejection(Reason.SIGNATURE_INVALID);
        given(new PasskeyRevoked(PAT, PATS.credentialIdText(), NOW))
                .when(as(PAT, approve(PATS, ADD_DAVE, decided(PATS, ADD_DAVE, PolicyDecision.APPROVE))))
                .expectRejection(Reason.SIGNATURE_INVALID);
        given().when(approve(PATS, ADD_DAVE, decided(PATS, ADD_DAVE, PolicyDecision.APPROVE)))
                .expectRejection(Reason.MEMBER_REQUIRED);
    }

    @Test
    void a_passkey_whose_counter_did_not_advance_is_refused_and_the_approval_is_not_recorded() {
        PasskeyAssertion earlier = decided(PATS, THRESHOLD, PolicyDecision.APPROVE);
        PasskeyAssertion later = decided(PATS, ADD_DAVE, PolicyDecision.APPROVE);
        Workflow workflow = given().when(as(PAT, approve(PATS, ADD_DAVE, later))).expectSuccess();
        workflow.when(as(PAT, approve(PATS, THRESHOLD, earlier))).expectRejection(Reason.SIGNATURE_INVALID);
    }
}
