package io.custody.api.governance;

import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.DestinationAddress;
import io.custody.api.wallet.SignerAddress;
import io.custody.api.wallet.TokenLimits;
import java.util.List;

/**
 * One change of a wallet's policy, as proposed to its quorum (ADR identity-020). One flat record for every
 * {@link PolicyChangeKind}: each kind uses the fields {@link PolicyChangeKind} names and the others stay {@code null},
 * which keeps the stored event, its JSON schema and the read model plain. {@link #describe()} is the canonical text
 * the signers sign, so the change a signature approves is exactly the change applied.
 */
public record PolicyChange(PolicyChangeKind kind, SignerAddress signer, Integer threshold, TokenId token,
                           TokenLimits limits, DestinationAddress address, Integer hours, String label,
                           List<String> functions, Integer minApprovals, String reason) {

    public PolicyChange {
        functions = functions == null ? null : List.copyOf(functions);
    }

    public static PolicyChange addSigner(SignerAddress signer) {
        return new PolicyChange(PolicyChangeKind.ADD_SIGNER, signer, null, null, null, null, null, null, null, null,
                null);
    }

    public static PolicyChange removeSigner(SignerAddress signer) {
        return new PolicyChange(PolicyChangeKind.REMOVE_SIGNER, signer, null, null, null, null, null, null, null,
                null, null);
    }

    public static PolicyChange changeThreshold(int threshold) {
        return new PolicyChange(PolicyChangeKind.CHANGE_THRESHOLD, null, threshold, null, null, null, null, null,
                null, null, null);
    }

    public static PolicyChange setLimits(TokenId token, TokenLimits limits) {
        return new PolicyChange(PolicyChangeKind.SET_LIMITS, null, null, token, limits, null, null, null, null, null,
                null);
    }

    public static PolicyChange addWhitelistAddress(DestinationAddress address) {
        return new PolicyChange(PolicyChangeKind.ADD_WHITELIST_ADDRESS, null, null, null, null, address, null, null,
                null, null, null);
    }

    public static PolicyChange removeWhitelistAddress(DestinationAddress address) {
        return new PolicyChange(PolicyChangeKind.REMOVE_WHITELIST_ADDRESS, null, null, null, null, address, null,
                null, null, null, null);
    }

    public static PolicyChange setWithdrawalDelay(int hours) {
        return new PolicyChange(PolicyChangeKind.SET_WITHDRAWAL_DELAY, null, null, null, null, null, hours, null,
                null, null, null);
    }

    public static PolicyChange reactivate(String reason) {
        return new PolicyChange(PolicyChangeKind.REACTIVATE, null, null, null, null, null, null, null, null, null,
                reason);
    }

    public static PolicyChange suspend(String reason) {
        return new PolicyChange(PolicyChangeKind.SUSPEND, null, null, null, null, null, null, null, null, null,
                reason);
    }

    public static PolicyChange allowContract(DestinationAddress contract, String label, List<String> functions,
                                             int minApprovals) {
        return new PolicyChange(PolicyChangeKind.ALLOW_CONTRACT, null, null, null, null, contract, null, label,
                functions, minApprovals, null);
    }

    public static PolicyChange disallowContract(DestinationAddress contract) {
        return new PolicyChange(PolicyChangeKind.DISALLOW_CONTRACT, null, null, null, null, contract, null, null,
                null, null, null);
    }

    /**
     * The change in words, one line, with every value it depends on in canonical form: what the signers read and
     * sign. Two changes with the same description do the same thing.
     */
    public String describe() {
        return switch (kind) {
            case ADD_SIGNER -> "add signer " + signerText();
            case REMOVE_SIGNER -> "remove signer " + signerText();
            case CHANGE_THRESHOLD -> "change threshold to " + threshold;
            case SET_LIMITS -> "set limits of " + (token == null ? "?" : token.value()) + ": single "
                    + amount(limits == null ? null : limits.single()) + ", daily "
                    + amount(limits == null ? null : limits.daily()) + ", weekly "
                    + amount(limits == null ? null : limits.weekly());
            case ADD_WHITELIST_ADDRESS -> "add whitelist address " + addressText();
            case REMOVE_WHITELIST_ADDRESS -> "remove whitelist address " + addressText();
            case SET_WITHDRAWAL_DELAY -> "set withdrawal delay to " + hours + " hours";
            case REACTIVATE -> "reactivate the wallet" + because();
            case SUSPEND -> "suspend the wallet" + because();
            case ALLOW_CONTRACT -> "allow contract " + addressText() + " \"" + label + "\" functions "
                    + (functions == null ? "?" : String.join(" ", functions)) + " with at least "
                    + (minApprovals == null ? 0 : minApprovals) + " approvals";
            case DISALLOW_CONTRACT -> "disallow contract " + addressText();
        };
    }

    /** Values a valid change always has; "?" only for one the command side would refuse (a stored event has them). */
    private String signerText() {
        return signer == null ? "?" : signer.canonical();
    }

    private String addressText() {
        return address == null ? "?" : address.canonical();
    }

    private String because() {
        return reason == null || reason.isBlank() ? "" : " because \"" + reason.strip() + "\"";
    }

    private static String amount(Amount amount) {
        return amount == null ? "none" : amount.value().toString();
    }
}
