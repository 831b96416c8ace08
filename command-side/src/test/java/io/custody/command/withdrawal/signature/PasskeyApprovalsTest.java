package io.custody.command.withdrawal.signature;

import static org.assertj.core.api.Assertions.assertThat;

import com.webauthn4j.data.UserVerificationRequirement;
import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.DestinationAddress;
import io.custody.api.wallet.WalletId;
import io.custody.api.withdrawal.Decision;
import io.custody.api.withdrawal.PasskeyApprovalChallenge;
import io.custody.api.withdrawal.PasskeyAssertion;
import io.custody.api.withdrawal.ProposalId;
import io.custody.api.withdrawal.ProposalSigningPayload;
import io.custody.command.withdrawal.TestPasskeys;
import io.custody.command.withdrawal.TestPasskeys.Device;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The offline (and in-aggregate) check of a passkey vote, against webauthn4j-test's emulated authenticator. Every
 * binding the challenge carries is tried with a wrong value, and every WebAuthn check with a forged or malformed input.
 */
class PasskeyApprovalsTest {

    final PasskeyApprovals approvals = new PasskeyApprovals(TestPasskeys.RELYING_PARTY);
    final ProposalSigningPayload payload = new ProposalSigningPayload(WalletId.random(), ProposalId.random(), 7,
            new TokenId("USDC"), Amount.of(250_000), new DestinationAddress(ChainFamily.EVM, "0x" + "ab".repeat(20)),
            Instant.parse("2026-12-02T12:00:00Z"));

    PasskeyApprovals.Outcome verify(PasskeyAssertion assertion, Device device, ProposalSigningPayload as,
                                    Decision decision) {
        return approvals.verify(assertion, device.publicKeyCose(), false, as, decision);
    }

    static void refused(PasskeyApprovals.Outcome outcome, String because) {
        assertThat(outcome).isInstanceOf(PasskeyApprovals.Outcome.Invalid.class);
        assertThat(((PasskeyApprovals.Outcome.Invalid) outcome).problem()).contains(because);
    }

    ProposalSigningPayload with(long nonce, TokenId token, Amount amount, DestinationAddress to, Instant expiresAt,
                                ProposalId proposal) {
        return new ProposalSigningPayload(payload.walletId(), proposal, nonce, token, amount, to, expiresAt);
    }

    @Test
    void an_approval_made_over_the_proposals_challenge_verifies_from_the_stored_parts_alone() {
        Device device = TestPasskeys.register();
        PasskeyAssertion stored = device.vote(payload, Decision.APPROVE);
        // as an auditor would have it: the event's strings, read anew
        PasskeyAssertion reread = new PasskeyAssertion(stored.credentialId(), stored.authenticatorData(),
                stored.clientDataJson(), stored.signature(), stored.serverNonce());

        var outcome = verify(reread, device, payload, Decision.APPROVE);

        assertThat(outcome).isInstanceOf(PasskeyApprovals.Outcome.Valid.class);
        assertThat(((PasskeyApprovals.Outcome.Valid) outcome).verified().signatureCount()).isPositive();
    }

    @Test
    void an_approval_does_not_count_as_a_rejection_nor_for_another_proposal_amount_destination_token_nonce_or_expiry() {
        Device device = TestPasskeys.register();
        PasskeyAssertion assertion = device.vote(payload, Decision.APPROVE);
        String binding = "was not made over this proposal and decision";
        DestinationAddress elsewhere = new DestinationAddress(ChainFamily.EVM, "0x" + "cd".repeat(20));

        refused(verify(assertion, device, payload, Decision.REJECT), binding);
        refused(verify(assertion, device, with(payload.nonce(), payload.token(), payload.amount(), payload.to(),
                payload.expiresAt(), ProposalId.random()), Decision.APPROVE), binding);
        refused(verify(assertion, device, with(payload.nonce(), payload.token(), Amount.of(250_001), payload.to(),
                payload.expiresAt(), payload.proposalId()), Decision.APPROVE), binding);
        refused(verify(assertion, device, with(payload.nonce(), payload.token(), payload.amount(), elsewhere,
                payload.expiresAt(), payload.proposalId()), Decision.APPROVE), binding);
        refused(verify(assertion, device, with(payload.nonce() + 1, payload.token(), payload.amount(), payload.to(),
                payload.expiresAt(), payload.proposalId()), Decision.APPROVE), binding);
        refused(verify(assertion, device, with(payload.nonce(), new TokenId("USDT"), payload.amount(), payload.to(),
                payload.expiresAt(), payload.proposalId()), Decision.APPROVE), binding);
        refused(verify(assertion, device, with(payload.nonce(), payload.token(), payload.amount(), payload.to(),
                payload.expiresAt().plusSeconds(1), payload.proposalId()), Decision.APPROVE), binding);
        // the same signature presented with another server nonce
        refused(verify(new PasskeyAssertion(assertion.credentialId(), assertion.authenticatorData(),
                assertion.clientDataJson(), assertion.signature(), PasskeyAssertion.encode(TestPasskeys.nonce())),
                device, payload, Decision.APPROVE), binding);
    }

    @Test
    void an_assertion_from_a_page_of_another_origin_is_refused() {
        Device device = TestPasskeys.register();
        byte[] nonce = TestPasskeys.nonce();
        var signed = device.sign(PasskeyApprovalChallenge.challenge(payload, Decision.APPROVE, nonce),
                "https://custody.example.evil", UserVerificationRequirement.REQUIRED);
        refused(verify(TestPasskeys.assertion(signed, nonce), device, payload, Decision.APPROVE), "origin");
    }

    @Test
    void an_assertion_for_another_relying_party_is_refused() {
        Device device = TestPasskeys.register();
        PasskeyAssertion assertion = device.vote(payload, Decision.APPROVE);
        var elsewhere = new PasskeyApprovals(new RelyingParty("other.example", Set.of(TestPasskeys.ORIGIN)));
        refused(elsewhere.verify(assertion, device.publicKeyCose(), false, payload, Decision.APPROVE), "relying party");
    }

    @Test
    void an_assertion_without_user_verification_is_refused() {
        Device device = TestPasskeys.register();
        byte[] nonce = TestPasskeys.nonce();
        var signed = device.sign(PasskeyApprovalChallenge.challenge(payload, Decision.APPROVE, nonce),
                TestPasskeys.ORIGIN, UserVerificationRequirement.DISCOURAGED);
        assertThat(signed.getResponse().getAuthenticatorData()[32] & 0x04).as("UV flag").isZero();
        refused(verify(TestPasskeys.assertion(signed, nonce), device, payload, Decision.APPROVE), "user verification");
    }

    @Test
    void a_forged_signature_tampered_client_data_or_another_passkeys_key_is_refused() {
        Device device = TestPasskeys.register();
        byte[] nonce = TestPasskeys.nonce();
        var signed = device.sign(PasskeyApprovalChallenge.challenge(payload, Decision.APPROVE, nonce),
                TestPasskeys.ORIGIN, UserVerificationRequirement.REQUIRED);
        byte[] clientData = signed.getResponse().getClientDataJSON();
        byte[] forged = signed.getResponse().getSignature().clone();
        forged[forged.length - 1] ^= 0x01;
        refused(verify(TestPasskeys.assertion(signed, clientData, forged, nonce), device, payload, Decision.APPROVE),
                "signature");

        String json = new String(clientData, StandardCharsets.UTF_8);
        byte[] tampered = json.replace("}", ",\"note\":\"x\"}").getBytes(StandardCharsets.UTF_8);
        refused(verify(TestPasskeys.assertion(signed, tampered, signed.getResponse().getSignature(), nonce), device,
                payload, Decision.APPROVE), "signature");
        refused(verify(TestPasskeys.assertion(signed, "not json".getBytes(StandardCharsets.UTF_8),
                signed.getResponse().getSignature(), nonce), device, payload, Decision.APPROVE), "not a WebAuthn");

        Device someoneElse = TestPasskeys.register();
        refused(verify(TestPasskeys.assertion(signed, nonce), someoneElse, payload, Decision.APPROVE), "signature");
    }

    @Test
    void a_server_nonce_of_the_wrong_length_is_refused() {
        Device device = TestPasskeys.register();
        PasskeyAssertion assertion = device.vote(payload, Decision.APPROVE);
        refused(verify(new PasskeyAssertion(assertion.credentialId(), assertion.authenticatorData(),
                assertion.clientDataJson(), assertion.signature(), PasskeyAssertion.encode(new byte[16])), device,
                payload, Decision.APPROVE), "wrong length");
    }
}
