package io.custody.query.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * Seed Property 8: a balance younger than the cache time is served as fresh; an older one, or any value served
 * because the read store failed, is marked stale, and staleness never goes away by waiting.
 */
class BalanceFreshnessProperties {

    static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    @Property(tries = 300)
    void a_value_is_stale_exactly_when_older_than_the_cache_time_or_served_as_a_fallback(
            @ForAll @LongRange(min = 0, max = 100_000) long ageSeconds,
            @ForAll @LongRange(min = 1, max = 10_000) long cacheSeconds, @ForAll boolean fallback) {
        Instant observed = NOW.minusSeconds(ageSeconds);
        boolean stale = BalanceFreshness.isStale(observed, NOW, Duration.ofSeconds(cacheSeconds), fallback);
        assertThat(stale).isEqualTo(fallback || ageSeconds > cacheSeconds);
    }

    @Property(tries = 200)
    void staleness_never_goes_away_by_waiting(@ForAll @LongRange(min = 0, max = 100_000) long ageSeconds,
                                              @ForAll @LongRange(min = 0, max = 100_000) long laterSeconds,
                                              @ForAll @LongRange(min = 1, max = 10_000) long cacheSeconds) {
        Instant observed = NOW.minusSeconds(ageSeconds);
        Duration cache = Duration.ofSeconds(cacheSeconds);
        if (BalanceFreshness.isStale(observed, NOW, cache, false)) {
            assertThat(BalanceFreshness.isStale(observed, NOW.plusSeconds(laterSeconds), cache, false)).isTrue();
        }
    }
}
