package io.custody.saga.withdrawal;

import io.custody.api.wallet.ChainFamily;
import io.custody.api.withdrawal.WithdrawalExecutionStarted;

/**
 * What one proposal signs and sends, as fixed by {@link WithdrawalExecutionStarted}. Plain strings: saga state.
 *
 * @param data   for a contract call, the calldata the approvers signed ({@code to} is the contract, {@code amount} of
 *               {@code token} the native value sent with it); {@code null} for a transfer
 * @param family the wallet's chain family ({@code EVM} or {@code APTOS}, from the destination the proposal was
 *               decided for); {@code null} in a plan stored before it was recorded, read then from the sender
 *               address's shape (20 bytes EVM, 32 bytes Aptos)
 */
public record ExecutionPlan(String walletId, String proposalId, String keyId, String from, String to, String token,
                            String amount, String data, String family) {

    /** A transfer's plan. */
    public ExecutionPlan(String walletId, String proposalId, String keyId, String from, String to, String token,
                         String amount) {
        this(walletId, proposalId, keyId, from, to, token, amount, null);
    }

    /** A plan whose family is read from the sender address. */
    public ExecutionPlan(String walletId, String proposalId, String keyId, String from, String to, String token,
                         String amount, String data) {
        this(walletId, proposalId, keyId, from, to, token, amount, data, null);
    }

    public static ExecutionPlan of(WithdrawalExecutionStarted started) {
        return new ExecutionPlan(started.walletId().toString(), started.proposalId().toString(), started.keyId(),
                started.from(), started.to().value(), started.token().value(), started.amount().value().toString(),
                started.call() == null ? null : started.call().data(), started.to().family().name());
    }

    public boolean isCall() {
        return data != null;
    }

    /** Whether the wallet is an Aptos account: its withdrawal goes through the Aptos branch of the executor. */
    public boolean isAptos() {
        return family != null ? family.equals(ChainFamily.APTOS.name())
                : from != null && from.matches("0x[0-9a-fA-F]{64}");
    }
}
