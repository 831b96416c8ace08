package io.custody.api.withdrawal;

import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.DestinationAddress;
import io.custody.api.wallet.WalletId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * What a proposer signs to request a withdrawal (seed Property 9: the proposer must prove to be a signer). The nonce
 * is not part of it because the wallet assigns it; the client-chosen proposal id makes the signature single-use.
 * Same schemes as {@link ProposalSigningPayload}: EIP-712 typed data (primary type {@code WithdrawalRequest}) for EVM
 * signers, UTF-8 text for Ed25519 signers; both differ from every decision payload, so neither can stand in for a vote.
 */
public record ProposalRequestPayload(WalletId walletId, ProposalId proposalId, TokenId token, Amount amount,
                                     DestinationAddress to, Instant expiresAt, ContractCall call,
                                     Instant notBefore) {

    public static final String PRIMARY_TYPE = "WithdrawalRequest";
    public static final String CALL_PRIMARY_TYPE = "ContractCallRequest";

    /** A transfer's request. */
    public ProposalRequestPayload(WalletId walletId, ProposalId proposalId, TokenId token, Amount amount,
                                  DestinationAddress to, Instant expiresAt) {
        this(walletId, proposalId, token, amount, to, expiresAt, null, null);
    }

    /** A contract call's request that executes as soon as it may. */
    public ProposalRequestPayload(WalletId walletId, ProposalId proposalId, TokenId token, Amount amount,
                                  DestinationAddress to, Instant expiresAt, ContractCall call) {
        this(walletId, proposalId, token, amount, to, expiresAt, call, null);
    }

    public String eip712Json() {
        if (call != null) {
            return callEip712Json();
        }
        return "{\"types\":{"
                + "\"EIP712Domain\":[{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"version\",\"type\":\"string\"}],"
                + "\"" + PRIMARY_TYPE + "\":["
                + "{\"name\":\"wallet\",\"type\":\"string\"},"
                + "{\"name\":\"proposal\",\"type\":\"string\"},"
                + "{\"name\":\"token\",\"type\":\"string\"},"
                + "{\"name\":\"amount\",\"type\":\"uint256\"},"
                + "{\"name\":\"to\",\"type\":\"address\"},"
                + "{\"name\":\"expiresAt\",\"type\":\"uint256\"}]},"
                + "\"primaryType\":\"" + PRIMARY_TYPE + "\","
                + "\"domain\":{\"name\":\"" + ProposalSigningPayload.DOMAIN_NAME + "\",\"version\":\""
                + ProposalSigningPayload.DOMAIN_VERSION + "\"},"
                + "\"message\":{"
                + "\"wallet\":\"" + walletId + "\","
                + "\"proposal\":\"" + proposalId + "\","
                + "\"token\":\"" + token.value() + "\","
                + "\"amount\":\"" + amount.value() + "\","
                + "\"to\":\"" + to.canonical() + "\","
                + "\"expiresAt\":\"" + expiresAt.getEpochSecond() + "\"}}";
    }

    /** A contract call's request: the contract, the value sent with it, the function and its arguments as text. */
    private String callEip712Json() {
        return "{\"types\":{"
                + "\"EIP712Domain\":[{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"version\",\"type\":\"string\"}],"
                + "\"" + CALL_PRIMARY_TYPE + "\":["
                + "{\"name\":\"wallet\",\"type\":\"string\"},"
                + "{\"name\":\"proposal\",\"type\":\"string\"},"
                + "{\"name\":\"contract\",\"type\":\"address\"},"
                + "{\"name\":\"token\",\"type\":\"string\"},"
                + "{\"name\":\"value\",\"type\":\"uint256\"},"
                + "{\"name\":\"function\",\"type\":\"string\"},"
                + "{\"name\":\"arguments\",\"type\":\"string[]\"},"
                + "{\"name\":\"notBefore\",\"type\":\"uint256\"},"
                + "{\"name\":\"expiresAt\",\"type\":\"uint256\"}]},"
                + "\"primaryType\":\"" + CALL_PRIMARY_TYPE + "\","
                + "\"domain\":{\"name\":\"" + ProposalSigningPayload.DOMAIN_NAME + "\",\"version\":\""
                + ProposalSigningPayload.DOMAIN_VERSION + "\"},"
                + "\"message\":{"
                + "\"wallet\":\"" + walletId + "\","
                + "\"proposal\":\"" + proposalId + "\","
                + "\"contract\":\"" + to.canonical() + "\","
                + "\"token\":\"" + token.value() + "\","
                + "\"value\":\"" + amount.value() + "\","
                + "\"function\":\"" + call.function() + "\","
                + "\"arguments\":" + ProposalSigningPayload.jsonStrings(call.arguments()) + ","
                + "\"notBefore\":\"" + ProposalSigningPayload.seconds(notBefore) + "\","
                + "\"expiresAt\":\"" + expiresAt.getEpochSecond() + "\"}}";
    }

    public String ed25519Text() {
        if (call != null) {
            return ProposalSigningPayload.DOMAIN_NAME + " v" + ProposalSigningPayload.DOMAIN_VERSION + "\n"
                    + "request: contract call\n"
                    + "wallet: " + walletId + "\n"
                    + "proposal: " + proposalId + "\n"
                    + "contract: " + to.canonical() + "\n"
                    + "token: " + token.value() + "\n"
                    + "value: " + amount.value() + "\n"
                    + ProposalSigningPayload.callLines(call)
                    + "notBefore: " + ProposalSigningPayload.seconds(notBefore) + "\n"
                    + "expiresAt: " + expiresAt.getEpochSecond();
        }
        return ProposalSigningPayload.DOMAIN_NAME + " v" + ProposalSigningPayload.DOMAIN_VERSION + "\n"
                + "request: withdrawal\n"
                + "wallet: " + walletId + "\n"
                + "proposal: " + proposalId + "\n"
                + "token: " + token.value() + "\n"
                + "amount: " + amount.value() + "\n"
                + "to: " + to.canonical() + "\n"
                + "expiresAt: " + expiresAt.getEpochSecond();
    }

    public byte[] ed25519Message() {
        return ed25519Text().getBytes(StandardCharsets.UTF_8);
    }
}
