package io.custody.api.withdrawal;

import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.DestinationAddress;
import io.custody.api.wallet.WalletId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Exactly what a signer signs to approve or reject a proposal: for EVM signers the EIP-712 typed data (the JSON that
 * {@code eth_signTypedData_v4} and wallets such as MetaMask accept), for Aptos signers a UTF-8 text message signed
 * with Ed25519. Both bind the decision, wallet, proposal, nonce, token, amount, destination and expiry, so a signature
 * cannot be reused for another proposal, wallet, amount or destination, nor turned from an approval into a rejection.
 *
 * <p>The command side verifies against the bytes built here and the read side serves them, so both always agree.
 * Every value placed into the JSON comes from a type with a closed character set (UUIDs, decimal digits, hex
 * addresses, {@link TokenId}), which is why no JSON escaping is needed.
 */
public record ProposalSigningPayload(WalletId walletId, ProposalId proposalId, long nonce, TokenId token,
                                     Amount amount, DestinationAddress to, Instant expiresAt, ContractCall call,
                                     Instant notBefore) {

    public static final String DOMAIN_NAME = "Custody Withdrawal";
    public static final String DOMAIN_VERSION = "1";
    public static final String PRIMARY_TYPE = "WithdrawalDecision";
    /** A contract call's decision: binds the function, its arguments as text and the exact calldata sent. */
    public static final String CALL_PRIMARY_TYPE = "ContractCallDecision";

    /** A transfer's payload. */
    public ProposalSigningPayload(WalletId walletId, ProposalId proposalId, long nonce, TokenId token, Amount amount,
                                  DestinationAddress to, Instant expiresAt) {
        this(walletId, proposalId, nonce, token, amount, to, expiresAt, null, null);
    }

    public ProposalSigningPayload {
        if (call != null && call.data() == null) {
            throw new IllegalArgumentException("a contract call's decision binds its encoded calldata");
        }
    }

    public static ProposalSigningPayload of(WithdrawalProposed proposed) {
        return new ProposalSigningPayload(proposed.walletId(), proposed.proposalId(), proposed.nonce(),
                proposed.token(), proposed.amount(), proposed.to(), proposed.expiresAt(), proposed.call(),
                proposed.notBefore());
    }

    /** EIP-712 typed data as JSON; uint256 values are decimal strings, which every EIP-712 implementation accepts. */
    public String eip712Json(Decision decision) {
        if (call != null) {
            return callEip712Json(decision);
        }
        return "{\"types\":{"
                + "\"EIP712Domain\":[{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"version\",\"type\":\"string\"}],"
                + "\"" + PRIMARY_TYPE + "\":["
                + "{\"name\":\"decision\",\"type\":\"string\"},"
                + "{\"name\":\"wallet\",\"type\":\"string\"},"
                + "{\"name\":\"proposal\",\"type\":\"string\"},"
                + "{\"name\":\"nonce\",\"type\":\"uint256\"},"
                + "{\"name\":\"token\",\"type\":\"string\"},"
                + "{\"name\":\"amount\",\"type\":\"uint256\"},"
                + "{\"name\":\"to\",\"type\":\"address\"},"
                + "{\"name\":\"expiresAt\",\"type\":\"uint256\"}]},"
                + "\"primaryType\":\"" + PRIMARY_TYPE + "\","
                + "\"domain\":{\"name\":\"" + DOMAIN_NAME + "\",\"version\":\"" + DOMAIN_VERSION + "\"},"
                + "\"message\":{"
                + "\"decision\":\"" + decision.word() + "\","
                + "\"wallet\":\"" + walletId + "\","
                + "\"proposal\":\"" + proposalId + "\","
                + "\"nonce\":\"" + nonce + "\","
                + "\"token\":\"" + token.value() + "\","
                + "\"amount\":\"" + amount.value() + "\","
                + "\"to\":\"" + to.canonical() + "\","
                + "\"expiresAt\":\"" + expiresAt.getEpochSecond() + "\"}}";
    }

    private String callEip712Json(Decision decision) {
        return "{\"types\":{"
                + "\"EIP712Domain\":[{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"version\",\"type\":\"string\"}],"
                + "\"" + CALL_PRIMARY_TYPE + "\":["
                + "{\"name\":\"decision\",\"type\":\"string\"},"
                + "{\"name\":\"wallet\",\"type\":\"string\"},"
                + "{\"name\":\"proposal\",\"type\":\"string\"},"
                + "{\"name\":\"nonce\",\"type\":\"uint256\"},"
                + "{\"name\":\"contract\",\"type\":\"address\"},"
                + "{\"name\":\"token\",\"type\":\"string\"},"
                + "{\"name\":\"value\",\"type\":\"uint256\"},"
                + "{\"name\":\"function\",\"type\":\"string\"},"
                + "{\"name\":\"arguments\",\"type\":\"string[]\"},"
                + "{\"name\":\"data\",\"type\":\"bytes\"},"
                + "{\"name\":\"notBefore\",\"type\":\"uint256\"},"
                + "{\"name\":\"expiresAt\",\"type\":\"uint256\"}]},"
                + "\"primaryType\":\"" + CALL_PRIMARY_TYPE + "\","
                + "\"domain\":{\"name\":\"" + DOMAIN_NAME + "\",\"version\":\"" + DOMAIN_VERSION + "\"},"
                + "\"message\":{"
                + "\"decision\":\"" + decision.word() + "\","
                + "\"wallet\":\"" + walletId + "\","
                + "\"proposal\":\"" + proposalId + "\","
                + "\"nonce\":\"" + nonce + "\","
                + "\"contract\":\"" + to.canonical() + "\","
                + "\"token\":\"" + token.value() + "\","
                + "\"value\":\"" + amount.value() + "\","
                + "\"function\":\"" + call.function() + "\","
                + "\"arguments\":" + jsonStrings(call.arguments()) + ","
                + "\"data\":\"" + call.data() + "\","
                + "\"notBefore\":\"" + seconds(notBefore) + "\","
                + "\"expiresAt\":\"" + expiresAt.getEpochSecond() + "\"}}";
    }

    /** Epoch seconds of a schedule, 0 for none (as signed). */
    static long seconds(Instant instant) {
        return instant == null ? 0 : instant.getEpochSecond();
    }

    /** A JSON array of strings whose characters need no escaping ({@link ContractCall}'s closed set). */
    static String jsonStrings(java.util.List<String> values) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            json.append(i == 0 ? "" : ",").append('"').append(values.get(i)).append('"');
        }
        return json.append(']').toString();
    }

    /** The call's lines of an Ed25519 text: the function, each argument on its own line, the calldata if encoded. */
    static String callLines(ContractCall call) {
        StringBuilder text = new StringBuilder("function: ").append(call.function()).append('\n');
        for (int i = 0; i < call.arguments().size(); i++) {
            text.append("argument ").append(i).append(": ").append(call.arguments().get(i)).append('\n');
        }
        if (call.data() != null) {
            text.append("data: ").append(call.data()).append('\n');
        }
        return text.toString();
    }

    /** The Ed25519 message for Aptos signers: readable text, so a wallet can show the signer what they sign. */
    public byte[] ed25519Message(Decision decision) {
        return ed25519Text(decision).getBytes(StandardCharsets.UTF_8);
    }

    public String ed25519Text(Decision decision) {
        if (call != null) {
            return DOMAIN_NAME + " v" + DOMAIN_VERSION + "\n"
                    + "decision: " + decision.word() + "\n"
                    + "wallet: " + walletId + "\n"
                    + "proposal: " + proposalId + "\n"
                    + "nonce: " + nonce + "\n"
                    + "contract: " + to.canonical() + "\n"
                    + "token: " + token.value() + "\n"
                    + "value: " + amount.value() + "\n"
                    + callLines(call)
                    + "notBefore: " + seconds(notBefore) + "\n"
                    + "expiresAt: " + expiresAt.getEpochSecond();
        }
        return DOMAIN_NAME + " v" + DOMAIN_VERSION + "\n"
                + "decision: " + decision.word() + "\n"
                + "wallet: " + walletId + "\n"
                + "proposal: " + proposalId + "\n"
                + "nonce: " + nonce + "\n"
                + "token: " + token.value() + "\n"
                + "amount: " + amount.value() + "\n"
                + "to: " + to.canonical() + "\n"
                + "expiresAt: " + expiresAt.getEpochSecond();
    }
}
