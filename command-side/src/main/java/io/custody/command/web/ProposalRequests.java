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

    /**
     * A contract-call request signed by the proposer over {@code ProposalRequestPayload} with its call: the function's
     * signature and the arguments as the client sends them here; {@code value} of {@code token} (the native coin)
     * goes with the call, "0" for none. {@code notBefore} (optional, ISO-8601): the earliest time it executes.
     */
    record ContractCallRequest(String proposalId, String proposer, String contract, String token, String value,
                               String function, java.util.List<String> arguments, String expiresAt,
                               String signature, String publicKey, String notBefore) {
    }

    /** {@code publicKey} only for Aptos signers. */
    record VoteRequest(String signer, String signature, String publicKey, String reason) {
    }

    record ProposedResponse(String proposalId, String self, String signingPayload) {
    }
}
