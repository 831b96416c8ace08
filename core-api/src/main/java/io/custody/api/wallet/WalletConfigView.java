package io.custody.api.wallet;

import java.util.List;
import java.util.Map;

/**
 * A wallet's policy as the read side shows it.
 *
 * @param status               ACTIVE, SUSPENDED or CLOSED
 * @param limits               per token; a missing limit means none
 * @param whitelist            empty means every destination of the wallet's family is allowed
 * @param contracts            the contracts (lower-case address) its contract-call proposals may call, and how
 */
public record WalletConfigView(String status, int withdrawalDelayHours, Map<String, LimitsView> limits,
                               List<String> whitelist, Map<String, AllowedContractView> contracts) {

    /** The functions of one contract a wallet may call, and the approvals each call needs at least. */
    public record AllowedContractView(String label, List<String> functions, int minApprovals) {
    }

    /** Limits of one token as decimal strings in base units, {@code null} when not set. */
    public record LimitsView(String single, String daily, String weekly) {
    }
}
