package io.custody.api.withdrawal;

import java.time.Instant;
import java.util.List;

/**
 * A withdrawal proposal as the read side shows it, with its votes and how many approvals are still needed.
 *
 * @param approvalsNeeded   approvals still missing before the proposal is ready (0 once ready or final)
 * @param limitBreaches     the limits it exceeds; non-empty means it needed one approval more than the threshold
 * @param type              TRANSFER ({@code amount} of {@code token} to {@code to}) or CONTRACT_CALL (a call of the
 *                          contract {@code to}, sending {@code amount} of {@code token}, the native coin, with it)
 * @param call              the call decoded for approvers, {@code null} for a transfer
 * @param notBefore         the earliest time it may execute, {@code null} for none
 */
public record ProposalView(String proposalId, String walletId, long nonce, String chainFamily, String proposer,
                           String to, String token, String amount, List<String> signers, int threshold,
                           int requiredApprovals, List<String> limitBreaches, int delayHours, String status,
                           Instant expiresAt, Instant executableAfter, boolean delayElapsed, String transactionHash,
                           String failureReason, List<VoteView> approvals, List<VoteView> rejections,
                           int approvalsNeeded, Instant createdAt, Instant updatedAt, long version, String type,
                           CallView call, Instant notBefore) {

    /** A contract call as approvers read it: the function, each argument with its ABI type, and the exact calldata. */
    public record CallView(String function, String name, List<ArgumentView> arguments, String data) {

        public static CallView of(ContractCall call) {
            List<String> types = call.parameterTypes();
            List<ArgumentView> arguments = new java.util.ArrayList<>();
            for (int i = 0; i < call.arguments().size(); i++) {
                arguments.add(new ArgumentView(i < types.size() ? types.get(i) : null, call.arguments().get(i)));
            }
            return new CallView(call.function(), call.name(), List.copyOf(arguments), call.data());
        }
    }

    public record ArgumentView(String type, String value) {
    }

    /** One signer's verified vote; the signature is public (it proves the vote, it grants nothing). */
    public record VoteView(String signer, String signature, String publicKey, String reason, Instant at) {
    }
}
