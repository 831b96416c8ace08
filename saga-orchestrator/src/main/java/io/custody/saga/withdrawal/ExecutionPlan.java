package io.custody.saga.withdrawal;

import io.custody.api.withdrawal.WithdrawalExecutionStarted;

/** What one withdrawal signs and sends, as fixed by {@link WithdrawalExecutionStarted}. Plain strings: saga state. */
public record ExecutionPlan(String walletId, String proposalId, String keyId, String from, String to, String token,
                            String amount) {

    public static ExecutionPlan of(WithdrawalExecutionStarted started) {
        return new ExecutionPlan(started.walletId().toString(), started.proposalId().toString(), started.keyId(),
                started.from(), started.to().value(), started.token().value(), started.amount().value().toString());
    }
}
