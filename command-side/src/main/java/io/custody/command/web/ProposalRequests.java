package io.custody.command.web;

/** Bodies of the proposal endpoints; raw JSON values, parsed by {@link ProposalCommandController}. */
final class ProposalRequests {

    private ProposalRequests() {
    }

    /** Either {@code expiresAt} (ISO-8601 instant) or {@code expiresInSeconds}. */
    record ProposeRequest(String proposer, String to, String token, String amount, String expiresAt,
                          Long expiresInSeconds) {
    }

    /** {@code publicKey} only for Aptos signers. */
    record VoteRequest(String signer, String signature, String publicKey, String reason) {
    }

    record ProposedResponse(String proposalId, String self, String signingPayload) {
    }
}
