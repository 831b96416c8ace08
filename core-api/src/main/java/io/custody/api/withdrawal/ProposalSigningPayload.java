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
                                     Amount amount, DestinationAddress to, Instant expiresAt) {

    public static final String DOMAIN_NAME = "Custody Withdrawal";
    public static final String DOMAIN_VERSION = "1";
    public static final String PRIMARY_TYPE = "WithdrawalDecision";

    public static ProposalSigningPayload of(WithdrawalProposed proposed) {
        return new ProposalSigningPayload(proposed.walletId(), proposed.proposalId(), proposed.nonce(),
                proposed.token(), proposed.amount(), proposed.to(), proposed.expiresAt());
    }

    /** EIP-712 typed data as JSON; uint256 values are decimal strings, which every EIP-712 implementation accepts. */
    public String eip712Json(Decision decision) {
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

    /** The Ed25519 message for Aptos signers: readable text, so a wallet can show the signer what they sign. */
    public byte[] ed25519Message(Decision decision) {
        return ed25519Text(decision).getBytes(StandardCharsets.UTF_8);
    }

    public String ed25519Text(Decision decision) {
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
