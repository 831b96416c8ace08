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
                                     DestinationAddress to, Instant expiresAt) {

    public static final String PRIMARY_TYPE = "WithdrawalRequest";

    public String eip712Json() {
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

    public String ed25519Text() {
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
