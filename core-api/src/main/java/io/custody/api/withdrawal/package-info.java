/**
 * Withdrawal proposals: proposing, signed approvals and rejections, the seven-state status machine, limits, delay and
 * expiry, and {@link io.custody.api.withdrawal.ProposalSigningPayload}, the exact bytes and typed data a signer signs.
 */
package io.custody.api.withdrawal;
