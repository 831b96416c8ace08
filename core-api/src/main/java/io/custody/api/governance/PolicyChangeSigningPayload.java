package io.custody.api.governance;

import io.custody.api.wallet.WalletId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Exactly what a wallet signer signs to approve or cancel a policy change: EIP-712 typed data for EVM signers (primary
 * type {@value #PRIMARY_TYPE}, its own domain, so no withdrawal signature can ever verify as a policy decision), a
 * UTF-8 text for Aptos (Ed25519) signers. Both bind the decision, wallet, change id, kind, the change's canonical
 * description and the expiry. The command side verifies against the bytes built here from its own state and the read
 * side serves them from its copy of the same event, so both agree.
 */
public record PolicyChangeSigningPayload(WalletId walletId, PolicyChangeId changeId, PolicyChangeKind kind,
                                         String description, Instant expiresAt) {

    public static final String DOMAIN_NAME = "Custody Policy";
    public static final String DOMAIN_VERSION = "1";
    public static final String PRIMARY_TYPE = "PolicyChangeDecision";

    public static PolicyChangeSigningPayload of(PolicyChangeProposed proposed) {
        return new PolicyChangeSigningPayload(proposed.walletId(), proposed.changeId(), proposed.change().kind(),
                proposed.change().describe(), proposed.expiresAt());
    }

    /** EIP-712 typed data as JSON, as {@code eth_signTypedData_v4} takes it. */
    public String eip712Json(PolicyDecision decision) {
        return "{\"types\":{"
                + "\"EIP712Domain\":[{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"version\",\"type\":\"string\"}],"
                + "\"" + PRIMARY_TYPE + "\":["
                + "{\"name\":\"decision\",\"type\":\"string\"},"
                + "{\"name\":\"wallet\",\"type\":\"string\"},"
                + "{\"name\":\"change\",\"type\":\"string\"},"
                + "{\"name\":\"kind\",\"type\":\"string\"},"
                + "{\"name\":\"description\",\"type\":\"string\"},"
                + "{\"name\":\"expiresAt\",\"type\":\"uint256\"}]},"
                + "\"primaryType\":\"" + PRIMARY_TYPE + "\","
                + "\"domain\":{\"name\":\"" + DOMAIN_NAME + "\",\"version\":\"" + DOMAIN_VERSION + "\"},"
                + "\"message\":{"
                + "\"decision\":\"" + decision.word() + "\","
                + "\"wallet\":\"" + walletId + "\","
                + "\"change\":\"" + changeId + "\","
                + "\"kind\":\"" + kind.name() + "\","
                + "\"description\":" + jsonString(description) + ","
                + "\"expiresAt\":\"" + expiresAt.getEpochSecond() + "\"}}";
    }

    /** The Ed25519 message for Aptos signers: readable text. */
    public byte[] ed25519Message(PolicyDecision decision) {
        return ed25519Text(decision).getBytes(StandardCharsets.UTF_8);
    }

    public String ed25519Text(PolicyDecision decision) {
        return DOMAIN_NAME + " v" + DOMAIN_VERSION + "\n"
                + "decision: " + decision.word() + "\n"
                + "wallet: " + walletId + "\n"
                + "change: " + changeId + "\n"
                + "kind: " + kind.name() + "\n"
                + "description: " + description + "\n"
                + "expiresAt: " + expiresAt.getEpochSecond();
    }

    /**
     * A JSON string literal (RFC 8259 section 7): the description may hold a contract label or a reason, free text
     * without control characters (the command side refuses those), so quotes and backslashes are what need escaping;
     * control characters are escaped too, should one ever reach here.
     */
    static String jsonString(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
