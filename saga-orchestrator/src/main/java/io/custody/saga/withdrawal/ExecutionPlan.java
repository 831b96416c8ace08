package io.custody.saga.withdrawal;

import io.custody.api.withdrawal.WithdrawalExecutionStarted;

/**
 * What one proposal signs and sends, as fixed by {@link WithdrawalExecutionStarted}. Plain strings: saga state.
 *
 * @param data for a contract call, the calldata the approvers signed ({@code to} is the contract, {@code amount} of
 *             {@code token} the native value sent with it); {@code null} for a transfer
 */
public record ExecutionPlan(String walletId, String proposalId, String keyId, String from, String to, String token,
                            String amount, String data) {

    /** A transfer's plan. */
    public ExecutionPlan(String walletId, String proposalId, String keyId, String from, String to, String token,
                         String amount) {
        this(walletId, proposalId, keyId, from, to, token, amount, null);
    }

    public static ExecutionPlan of(WithdrawalExecutionStarted started) {
        return new ExecutionPlan(started.walletId().toString(), started.proposalId().toString(), started.keyId(),
                started.from(), started.to().value(), started.token().value(), started.amount().value().toString(),
                started.call() == null ? null : started.call().data());
    }

    public boolean isCall() {
        return data != null;
    }
}
