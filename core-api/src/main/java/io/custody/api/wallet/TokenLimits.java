package io.custody.api.wallet;

import io.custody.api.money.Amount;

/**
 * Withdrawal limits of one token. A {@code null} limit means "no limit". Exceeding one does not forbid the withdrawal;
 * it asks for one approval more than the threshold (seed Property 15).
 *
 * @param single largest amount of one withdrawal
 * @param daily  largest total within any rolling 24 hours
 * @param weekly largest total within any rolling 7 days
 */
public record TokenLimits(Amount single, Amount daily, Amount weekly) {

    public static final TokenLimits NONE = new TokenLimits(null, null, null);
}
