package io.custody.api.wallet;

import java.util.List;
import java.util.Map;

/**
 * A wallet's policy as the read side shows it.
 *
 * @param status               ACTIVE, SUSPENDED or CLOSED
 * @param limits               per token; a missing limit means none
 * @param whitelist            empty means every destination of the wallet's family is allowed
 */
public record WalletConfigView(String status, int withdrawalDelayHours, Map<String, LimitsView> limits,
                               List<String> whitelist) {

    /** Limits of one token as decimal strings in base units, {@code null} when not set. */
    public record LimitsView(String single, String daily, String weekly) {
    }
}
