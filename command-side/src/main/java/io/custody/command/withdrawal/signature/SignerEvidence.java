package io.custody.command.withdrawal.signature;

import io.custody.api.governance.PolicyChangeSigningPayload;
import io.custody.api.governance.PolicyDecision;
import io.custody.api.wallet.SignerAddress;
import io.custody.api.withdrawal.Decision;
import io.custody.api.withdrawal.PasskeyApprovalChallenge;
import io.custody.api.withdrawal.PasskeyAssertion;
import io.custody.api.withdrawal.ProposalSigningPayload;
import io.custody.api.withdrawal.SignerSignature;
import io.custody.command.identity.MemberPasskeys;
import java.util.Optional;

/**
 * What proves that a signer made a decision (a vote on a withdrawal proposal, a decision on a policy change): a key
 * signer's signature over the decision's signing payload (ADR 011), or a passkey signer's WebAuthn assertion over the
 * challenge derived from the decision's digest (ADR identity-003). The decided item checks it against the decision it
 * computes from its own state, never against what the client says it is.
 */
public sealed interface SignerEvidence {

    /** One decision in each form a signer signs it: EIP-712 typed data, the Ed25519 message, the passkey digest. */
    record Decided(String eip712Json, byte[] ed25519Message, byte[] passkeyDigest) {

        public static Decided of(ProposalSigningPayload payload, Decision decision) {
            return new Decided(payload.eip712Json(decision), payload.ed25519Message(decision),
                    PasskeyApprovalChallenge.digest(payload, decision));
        }

        public static Decided of(PolicyChangeSigningPayload payload, PolicyDecision decision) {
            return new Decided(payload.eip712Json(decision), payload.ed25519Message(decision),
                    PasskeyApprovalChallenge.digest(payload, decision));
        }
    }

    /** Empty when the evidence proves {@code signer}'s decision {@code decided}. */
    Optional<String> problem(SignerAddress signer, Decided decided);

    /** The request field the evidence came in, for the refusal's details. */
    String field();

    SignerSignature signature();

    PasskeyAssertion assertion();

    /** A key signer's EIP-712 or Ed25519 signature. */
    record KeySignature(SignerSignature signature) implements SignerEvidence {

        @Override
        public Optional<String> problem(SignerAddress signer, Decided decided) {
            if (signer.byPasskey()) {
                return Optional.of("is no evidence for a passkey signer, which decides with a passkey assertion");
            }
            return ProposalSignatures.problem(signer, signature, decided.eip712Json(), decided.ed25519Message());
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
    final class Passkey implements SignerEvidence {

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
        public Optional<String> problem(SignerAddress signer, Decided decided) {
            if (!signer.byPasskey()) {
                return Optional.of("is evidence of a passkey signer only; " + signer + " signs with its key");
            }
            if (!signer.isPasskeyOf(assertion.credentialIdBytes())) {
                return Optional.of("was made with another passkey than the signer " + signer);
            }
            PasskeyApprovals.Outcome outcome = verifier.verify(assertion, key.publicKeyCose(), key.backupEligible(),
                    decided.passkeyDigest());
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
