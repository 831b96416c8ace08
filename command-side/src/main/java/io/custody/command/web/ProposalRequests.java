package io.custody.command.web;

/** Bodies of the proposal endpoints; raw JSON values, parsed by {@link ProposalCommandController}. */
final class ProposalRequests {

    private ProposalRequests() {
    }

    /**
     * A withdrawal request signed by the proposer over {@code ProposalRequestPayload}: the client picks the proposal id
     * (a UUID, which also makes the request idempotent) and the expiry (ISO-8601, whole seconds) before signing.
     * {@code publicKey} only for Aptos proposers.
     */
    record ProposeRequest(String proposalId, String proposer, String to, String token, String amount,
                          String expiresAt, String signature, String publicKey) {
    }

    /** {@code publicKey} only for Aptos signers. */
    record VoteRequest(String signer, String signature, String publicKey, String reason) {
    }

    record ProposedResponse(String proposalId, String self, String signingPayload) {
    }
}
