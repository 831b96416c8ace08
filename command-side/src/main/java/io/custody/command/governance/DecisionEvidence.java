package io.custody.command.governance;

import io.custody.api.governance.PolicyChangeSigningPayload;
import io.custody.api.governance.PolicyDecision;
import io.custody.api.wallet.SignerAddress;
import io.custody.api.withdrawal.PasskeyApprovalChallenge;
import io.custody.api.withdrawal.PasskeyAssertion;
import io.custody.api.withdrawal.SignerSignature;
import io.custody.command.identity.MemberPasskeys;
import io.custody.command.withdrawal.signature.PasskeyApprovals;
import io.custody.command.withdrawal.signature.ProposalSignatures;
import java.util.Optional;

/**
 * What proves that a signer approved or cancelled a policy change: a key signer's signature over the change's signing
 * payload, or a passkey signer's WebAuthn assertion over the challenge derived from the same payload's digest
 * (ADR identity-020, with the check of ADR identity-003). The change checks it against its own state.
 */
public sealed interface DecisionEvidence {

    /** Empty when the evidence proves {@code signer}'s {@code decision} on the change {@code payload} describes. */
    Optional<String> problem(SignerAddress signer, PolicyChangeSigningPayload payload, PolicyDecision decision);

    /** The request field the evidence came in, for the refusal's details. */
    String field();

    SignerSignature signature();

    PasskeyAssertion assertion();

    /** A key signer's EIP-712 or Ed25519 signature. */
    record KeySignature(SignerSignature signature) implements DecisionEvidence {

        @Override
        public Optional<String> problem(SignerAddress signer, PolicyChangeSigningPayload payload,
                                        PolicyDecision decision) {
            if (signer.byPasskey()) {
                return Optional.of("is no evidence for a passkey signer, which decides with a passkey assertion");
            }
            return ProposalSignatures.problem(signer, signature, payload.eip712Json(decision),
                    payload.ed25519Message(decision));
        }

        @Override
        public String field() {
            return "signature";
        }

        @Override
        public PasskeyAssertion assertion() {
            return null;
        }
    }

    /**
     * A passkey signer's assertion, with the member's passkey it claims to come from (found by the handler among the
     * caller's own active passkeys). After a successful check, {@link #verified()} holds what the authenticator
     * reported, for the passkey's counter.
     */
    final class Passkey implements DecisionEvidence {

        private final PasskeyAssertion assertion;
        private final MemberPasskeys.ApprovalKey key;
        private final PasskeyApprovals verifier;
        private PasskeyApprovals.Verified verified;

        public Passkey(PasskeyAssertion assertion, MemberPasskeys.ApprovalKey key, PasskeyApprovals verifier) {
            this.assertion = assertion;
            this.key = key;
            this.verifier = verifier;
        }

        @Override
        public Optional<String> problem(SignerAddress signer, PolicyChangeSigningPayload payload,
                                        PolicyDecision decision) {
            if (!signer.byPasskey()) {
                return Optional.of("is evidence of a passkey signer only; " + signer + " signs with its key");
            }
            if (!signer.isPasskeyOf(assertion.credentialIdBytes())) {
                return Optional.of("was made with another passkey than the signer " + signer);
            }
            PasskeyApprovals.Outcome outcome = verifier.verify(assertion, key.publicKeyCose(), key.backupEligible(),
                    PasskeyApprovalChallenge.digest(payload, decision));
            if (outcome instanceof PasskeyApprovals.Outcome.Invalid invalid) {
                return Optional.of(invalid.problem());
            }
            verified = ((PasskeyApprovals.Outcome.Valid) outcome).verified();
            return Optional.empty();
        }

        public Optional<PasskeyApprovals.Verified> verified() {
            return Optional.ofNullable(verified);
        }

        @Override
        public String field() {
            return "assertion";
        }

        @Override
        public SignerSignature signature() {
            return null;
        }

        @Override
        public PasskeyAssertion assertion() {
            return assertion;
        }
    }
}
