package io.custody.command.withdrawal;

import static org.assertj.core.api.Assertions.assertThat;

import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.TokenLimits;
import io.custody.api.withdrawal.LimitBreach;
import io.custody.command.withdrawal.WithdrawalLimitPolicy.CountedWithdrawal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Seed Property 15: exceeding the single limit, or taking the rolling 24-hour or 7-day total over its limit, costs
 * exactly one extra approval, capped at the number of signers; staying within all of them costs none.
 */
class WithdrawalLimitProperties {

    static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    static final TokenId USDC = new TokenId("USDC");
    static final TokenId DAI = new TokenId("DAI");

    @Provide
    Arbitrary<Amount> amounts() {
        return Arbitraries.longs().between(1, 5_000).map(Amount::of);
    }

    @Provide
    Arbitrary<TokenLimits> limits() {
        Arbitrary<Amount> maybe = amounts().injectNull(0.3);
        return Combinators.combine(maybe, maybe, maybe).as(TokenLimits::new);
    }

    @Provide
    Arbitrary<List<CountedWithdrawal>> history() {
        return Combinators.combine(Arbitraries.of(USDC, DAI), amounts(), Arbitraries.integers().between(0, 24 * 9))
                .as((token, amount, hoursAgo) -> new CountedWithdrawal(token, amount,
                        NOW.minus(Duration.ofHours(hoursAgo)).minusSeconds(1)))
                .list().ofMaxSize(15);
    }

    @Property(tries = 500)
    void a_limit_is_breached_exactly_when_the_amount_or_a_rolling_total_exceeds_it(
            @ForAll("limits") TokenLimits limits, @ForAll("history") List<CountedWithdrawal> history,
            @ForAll("amounts") Amount amount) {
        List<LimitBreach> breaches = WithdrawalLimitPolicy.breaches(limits, history, USDC, amount, NOW);

        long day = sum(history, Duration.ofHours(24)) + amount.value().longValueExact();
        long week = sum(history, Duration.ofDays(7)) + amount.value().longValueExact();
        assertThat(breaches.contains(LimitBreach.SINGLE))
                .isEqualTo(limits.single() != null && amount.compareTo(limits.single()) > 0);
        assertThat(breaches.contains(LimitBreach.DAILY))
                .isEqualTo(limits.daily() != null && day > limits.daily().value().longValueExact());
        assertThat(breaches.contains(LimitBreach.WEEKLY))
                .isEqualTo(limits.weekly() != null && week > limits.weekly().value().longValueExact());
    }

    @Property(tries = 300)
    void a_breach_costs_one_extra_approval_capped_at_the_signer_count(
            @ForAll @IntRange(min = 2, max = 20) int signers, @ForAll @IntRange(min = 2, max = 20) int threshold,
            @ForAll("breachLists") List<LimitBreach> breaches) {
        int t = Math.min(threshold, signers);
        int required = WithdrawalLimitPolicy.requiredApprovals(t, signers, breaches);
        assertThat(required).isEqualTo(breaches.isEmpty() ? t : Math.min(t + 1, signers));
        assertThat(required).isBetween(t, signers);
    }

    @Provide
    Arbitrary<List<LimitBreach>> breachLists() {
        return Arbitraries.of(LimitBreach.class).set().map(List::copyOf);
    }

    @Property(tries = 200)
    void a_larger_amount_never_removes_a_breach(@ForAll("limits") TokenLimits limits,
                                                @ForAll("history") List<CountedWithdrawal> history,
                                                @ForAll("amounts") Amount amount, @ForAll("amounts") Amount more) {
        List<LimitBreach> smaller = WithdrawalLimitPolicy.breaches(limits, history, USDC, amount, NOW);
        List<LimitBreach> larger = WithdrawalLimitPolicy.breaches(limits, history, USDC, amount.plus(more), NOW);
        assertThat(larger).containsAll(smaller);
    }

    /** The oracle: USDC withdrawals proposed in the window (now - length, now], written independently of the policy. */
    private static long sum(List<CountedWithdrawal> history, Duration length) {
        return history.stream()
                .filter(w -> w.token().equals(USDC))
                .filter(w -> Duration.between(w.proposedAt(), NOW).compareTo(length) < 0)
                .mapToLong(w -> w.amount().value().longValueExact())
                .sum();
    }
}
