/**
 * Withdrawal proposals: the {@code WithdrawalProposal} aggregate (votes, status machine, expiry and delay deadlines),
 * the {@code ProposalCommandHandler} that runs every proposal command in one unit of work with its wallet, and the
 * rules as small functions: voting (seed Property 11), limits over rolling windows (Property 15) and the request's
 * field rules (Property 10). A new approval rule goes into {@code ProposalVoting}; a new rule about whether a
 * withdrawal may be proposed at all goes into {@code ProposalRules} or {@code WithdrawalLimitPolicy}. See ADR 013.
 */
package io.custody.command.withdrawal;
