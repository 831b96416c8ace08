package io.custody.command.wallet;

import static io.custody.command.wallet.WalletFixtures.ACME;
import static io.custody.command.wallet.WalletFixtures.ALICE;
import static io.custody.command.wallet.WalletFixtures.EXPIRES;
import static io.custody.command.wallet.WalletFixtures.ID;
import static io.custody.command.wallet.WalletFixtures.NOW;
import static io.custody.command.wallet.WalletFixtures.P1;
import static io.custody.command.wallet.WalletFixtures.P2;
import static io.custody.command.wallet.WalletFixtures.PAYEE;
import static io.custody.command.wallet.WalletFixtures.USDC;
import static io.custody.command.wallet.WalletFixtures.activated;
import static io.custody.command.wallet.WalletFixtures.aliceRequest;
import static io.custody.command.wallet.WalletFixtures.created;
import static io.custody.command.wallet.WalletFixtures.deposit;
import static io.custody.command.wallet.WalletFixtures.reserved;
import static org.assertj.core.api.Assertions.assertThat;

import io.custody.api.error.Reason;
import io.custody.api.identity.MemberId;
import io.custody.api.identity.PasskeyRegistered;
import io.custody.api.identity.PasskeyRevoked;
import io.custody.api.identity.PasskeyUsed;
import io.custody.api.money.Amount;
import io.custody.api.wallet.Threshold;
import io.custody.api.withdrawal.ApproveProposal;
import io.custody.api.withdrawal.Decision;
import io.custody.api.withdrawal.PasskeyAssertion;
import io.custody.api.withdrawal.ProposalApproved;
import io.custody.api.withdrawal.ProposalId;
import io.custody.api.withdrawal.ProposalReady;
import io.custody.api.withdrawal.ProposalRejected;
import io.custody.api.withdrawal.ProposalRejectionCast;
import io.custody.api.withdrawal.ProposalSigningPayload;
import io.custody.api.withdrawal.RejectProposal;
import io.custody.api.withdrawal.WithdrawalProposed;
import io.custody.command.withdrawal.TestPasskeys;
import io.custody.command.withdrawal.TestPasskeys.Device;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.junit.jupiter.api.Test;

/**
 * Votes by passkey signers (ADR identity-003) on the real command handlers: the proposal recomputes the challenge
 * from its own state, takes the key from the calling member's own passkeys, and records the passkey's use in the same
 * unit of work; any wrong binding is refused with nothing recorded at all.
 */
class PasskeyVotesTest {

    static final MemberId PAT = MemberId.random();
    static final MemberId QUINN = MemberId.random();
    static final Device PATS = TestPasskeys.register();
    static final Device QUINNS = TestPasskeys.register();

    /** A proposal whose signers are Alice's key and Pat's and Quinn's passkeys, two approvals needed. */
    static WithdrawalProposed proposed(ProposalId id, long nonce, long amount) {
        return new WithdrawalProposed(ID, ACME, id, nonce, ALICE.address(), PAYEE, USDC, Amount.of(amount),
                List.of(ALICE.address(), PATS.signer(), QUINNS.signer()), new Threshold(2), 2, List.of(), 0, EXPIRES,
                NOW, aliceRequest(id, amount));
    }

    static PasskeyRegistered registered(MemberId member, Device device) {
        return new PasskeyRegistered(member, ACME, device.credentialIdText(), device.publicKeyText(), 0, "none", false,
                false, "Laptop", NOW);
    }

    static Workflow given(Object... more) {
        return new Workflow(TestPasskeys.RELYING_PARTY).given(created(), activated(), deposit(1_000),
                reserved(P1, 1, 100), proposed(P1, 1, 100), reserved(P2, 2, 200), proposed(P2, 2, 200),
                registered(PAT, PATS), registered(QUINN, QUINNS)).given(more);
    }

    static Object as(MemberId member, Object command) {
        return GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of("organisation", ACME.value(),
                "callerId", member.toString(), "callerKind", "MEMBER"));
    }

    static ApproveProposal approve(ProposalId proposal, Device device, PasskeyAssertion assertion) {
        return new ApproveProposal(ID, proposal, device.signer(), null, assertion);
    }

    static ProposalSigningPayload payload(ProposalId id, long nonce, long amount) {
        return ProposalSigningPayload.of(proposed(id, nonce, amount));
    }

    @Test
    void two_passkey_signers_approve_a_proposal_to_ready_and_each_vote_keeps_its_assertion() {
        PasskeyAssertion pats = PATS.vote(payload(P1, 1, 100), Decision.APPROVE);
        Workflow workflow = given().when(as(PAT, approve(P1, PATS, pats))).expectSuccess();
        assertThat(workflow.published(ProposalApproved.class)).singleElement()
                .satisfies(e -> assertThat(e.passkey()).isEqualTo(pats))
                .satisfies(e -> assertThat(e.signature()).isNull());
        assertThat(workflow.published(PasskeyUsed.class)).singleElement()
                .satisfies(e -> assertThat(e.member()).isEqualTo(PAT));

        workflow.when(as(QUINN, approve(P1, QUINNS, QUINNS.vote(payload(P1, 1, 100), Decision.APPROVE))))
                .expectSuccess();
        assertThat(workflow.published(ProposalApproved.class)).hasSize(1);
        assertThat(workflow.published(ProposalReady.class)).hasSize(1);
    }

    @Test
    void an_assertion_for_another_amount_decision_or_proposal_is_refused_and_nothing_is_recorded() {
        given().when(as(PAT, approve(P1, PATS, PATS.vote(payload(P1, 1, 101), Decision.APPROVE))))
                .expectRejection(Reason.SIGNATURE_INVALID);
        given().when(as(PAT, approve(P1, PATS, PATS.vote(payload(P1, 1, 100), Decision.REJECT))))
                .expectRejection(Reason.SIGNATURE_INVALID);
        given().when(as(PAT, approve(P1, PATS, PATS.vote(payload(P2, 2, 200), Decision.APPROVE))))
                .expectRejection(Reason.SIGNATURE_INVALID);
        // a rejection signed as an approval, presented as a rejection
        given().when(as(PAT, new RejectProposal(ID, P1, PATS.signer(), null, "no",
                PATS.vote(payload(P1, 1, 100), Decision.APPROVE)))).expectRejection(Reason.SIGNATURE_INVALID);
    }

    @Test
    void another_members_passkey_a_revoked_one_or_one_named_for_another_signer_is_refused() {
        // Quinn presents Pat's passkey's (genuine) vote: it is not one of Quinn's passkeys
        given().when(as(QUINN, approve(P1, PATS, PATS.vote(payload(P1, 1, 100), Decision.APPROVE))))
                .expectRejection(Reason.SIGNATURE_INVALID);
        // Pat's revoked passkey
        given(new PasskeyRevoked(PAT, PATS.credentialIdText(), NOW))
                .when(as(PAT, approve(P1, PATS, PATS.vote(payload(P1, 1, 100), Decision.APPROVE))))
                .expectRejection(Reason.SIGNATURE_INVALID);
        // Pat's assertion offered as Quinn's signer
        given().when(as(PAT, approve(P1, QUINNS, PATS.vote(payload(P1, 1, 100), Decision.APPROVE))))
                .expectRejection(Reason.SIGNATURE_INVALID);
        // a passkey vote without a member behind it (no caller: an internal command)
        given().when(approve(P1, PATS, PATS.vote(payload(P1, 1, 100), Decision.APPROVE)))
                .expectRejection(Reason.MEMBER_REQUIRED);
    }

    @Test
    void a_passkey_whose_counter_did_not_advance_is_refused_and_the_vote_is_not_recorded() {
        PasskeyAssertion earlier = PATS.vote(payload(P2, 2, 200), Decision.APPROVE);
        PasskeyAssertion later = PATS.vote(payload(P1, 1, 100), Decision.APPROVE);
        Workflow workflow = given().when(as(PAT, approve(P1, PATS, later))).expectSuccess();

        workflow.when(as(PAT, approve(P2, PATS, earlier))).expectRejection(Reason.SIGNATURE_INVALID);
    }

    @Test
    void passkey_signers_reject_and_the_second_rejection_ends_the_proposal() {
        Workflow workflow = given().when(as(PAT, new RejectProposal(ID, P1, PATS.signer(), null, "unknown payee",
                PATS.vote(payload(P1, 1, 100), Decision.REJECT)))).expectSuccess();
        assertThat(workflow.published(ProposalRejectionCast.class)).singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo("unknown payee"));
        workflow.when(as(QUINN, new RejectProposal(ID, P1, QUINNS.signer(), null, null,
                QUINNS.vote(payload(P1, 1, 100), Decision.REJECT)))).expectSuccess();
        assertThat(workflow.published(ProposalRejected.class)).hasSize(1);
    }

    @Test
    void a_key_signature_is_no_vote_of_a_passkey_signer() {
        given().when(as(PAT, new ApproveProposal(ID, P1, PATS.signer(),
                        ALICE.sign(payload(P1, 1, 100), Decision.APPROVE))))
                .expectRejection(Reason.SIGNATURE_INVALID);
    }
}
