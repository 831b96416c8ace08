package io.custody.api.withdrawal;

import java.time.Instant;
import java.util.List;

/**
 * A withdrawal proposal as the read side shows it, with its votes and how many approvals are still needed.
 *
 * @param approvalsNeeded   approvals still missing before the proposal is ready (0 once ready or final)
 * @param limitBreaches     the limits it exceeds; non-empty means it needed one approval more than the threshold
 */
public record ProposalView(String proposalId, String walletId, long nonce, String chainFamily, String proposer,
                           String to, String token, String amount, List<String> signers, int threshold,
                           int requiredApprovals, List<String> limitBreaches, int delayHours, String status,
                           Instant expiresAt, Instant executableAfter, boolean delayElapsed, String transactionHash,
                           String failureReason, List<VoteView> approvals, List<VoteView> rejections,
                           int approvalsNeeded, Instant createdAt, Instant updatedAt, long version) {

    /** One signer's verified vote; the signature is public (it proves the vote, it grants nothing). */
    public record VoteView(String signer, String signature, String publicKey, String reason, Instant at) {
    }
}
