package io.custody.command.web;

import java.util.List;

/** Bodies of the policy-change endpoints; raw JSON values, parsed by {@link PolicyChangeController}. */
final class PolicyChangeRequests {

    private PolicyChangeRequests() {
    }

    record ProposeChangeRequest(String changeId, ChangeRequest change, String expiresAt) {
    }

    /** One change; {@code kind} says which of the other members it uses (see {@code PolicyChangeKind}). */
    record ChangeRequest(String kind, String signer, Integer threshold, String token, String single, String daily,
                         String weekly, String address, Integer hours, String label, List<String> functions,
                         Integer minApprovals, String reason) {
    }

    /** A signer's signed decision; for a cancellation, an administrator may send none of the three. */
    record DecisionRequest(String signer, String signature, String publicKey) {
    }

    record ProposedChangeResponse(String changeId, String self, String signingPayload) {
    }
}
