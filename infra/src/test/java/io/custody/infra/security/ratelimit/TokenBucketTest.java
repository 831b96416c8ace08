package io.custody.infra.security.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/** The token bucket's arithmetic on a clock the test moves, and how requests are sorted into limits. */
class TokenBucketTest {

    static final long SECOND = 1_000_000_000L;

    @Test
    void a_full_bucket_lets_a_burst_through_then_one_request_per_refill_interval() {
        TokenBucket bucket = new TokenBucket(new RateLimit(3, 2), 0); // 3 at once, then one every 0.5 s
        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.tryTake(0)).isEqualTo(SECOND / 2);
        assertThat(bucket.tryTake(SECOND / 4)).as("half a token is no token").isEqualTo(SECOND / 4);
        assertThat(bucket.tryTake(SECOND / 2)).isZero();
        assertThat(bucket.tryTake(SECOND / 2)).isEqualTo(SECOND / 2);
    }

    @Test
    void an_idle_bucket_refills_to_its_capacity_and_no_further() {
        TokenBucket bucket = new TokenBucket(new RateLimit(2, 1), 0);
        bucket.tryTake(0);
        bucket.tryTake(0);
        assertThat(bucket.fullAt(SECOND)).isFalse();
        assertThat(bucket.fullAt(1000 * SECOND)).isTrue();
        assertThat(bucket.tryTake(1000 * SECOND)).isZero();
        assertThat(bucket.tryTake(1000 * SECOND)).isZero();
        assertThat(bucket.tryTake(1000 * SECOND)).as("never more than the capacity").isPositive();
    }

    @Test
    void a_refused_request_takes_nothing() {
        TokenBucket bucket = new TokenBucket(new RateLimit(1, 1), 0);
        bucket.tryTake(0);
        for (int i = 0; i < 10; i++) assertThat(bucket.tryTake(SECOND / 2)).isEqualTo(SECOND / 2);
        assertThat(bucket.tryTake(SECOND)).isZero();
    }

    @Test
    void limits_must_be_positive() {
        assertThatThrownBy(() -> new RateLimit(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimit(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimit(1, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void each_key_has_its_own_bucket_and_full_buckets_are_forgotten() {
        AtomicLong now = new AtomicLong();
        KeyedRateLimiter limiter = new KeyedRateLimiter("test", new RateLimit(1, 1), now::get);
        assertThat(limiter.tryAcquire("a")).isEmpty();
        assertThat(limiter.tryAcquire("a")).contains(Duration.ofSeconds(1));
        assertThat(limiter.tryAcquire("b")).as("another key is not affected").isEmpty();
        limiter.sweep(now.get());
        assertThat(limiter.size()).as("both buckets are empty: kept").isEqualTo(2);
        now.set(2 * SECOND);
        limiter.sweep(now.get());
        assertThat(limiter.size()).isZero();
        assertThat(limiter.tryAcquire("a")).isEmpty();
    }

    @Test
    void retry_after_is_whole_seconds_rounded_up() {
        assertThat(RateLimits.retryAfterSeconds(Duration.ofMillis(1))).isEqualTo(1);
        assertThat(RateLimits.retryAfterSeconds(Duration.ofSeconds(2))).isEqualTo(2);
        assertThat(RateLimits.retryAfterSeconds(Duration.ofMillis(2001))).isEqualTo(3);
    }

    @Test
    void ipv6_clients_are_counted_per_64_network() throws Exception {
        assertThat(RateLimits.addressKey(InetAddress.getByName("2001:db8:1:2::1")))
                .isEqualTo(RateLimits.addressKey(InetAddress.getByName("2001:db8:1:2:ffff::9")))
                .isNotEqualTo(RateLimits.addressKey(InetAddress.getByName("2001:db8:1:3::1")));
        assertThat(RateLimits.addressKey(InetAddress.getByName("192.0.2.7"))).isEqualTo("192.0.2.7");
    }

    @Test
    void the_ways_in_are_session_requests_other_changes_are_commands_and_reads_are_not_limited() {
        RouteClass.Classifier classifier = new RouteClass.Classifier(java.util.List.of("/api/v1/passkeys/**"));
        assertThat(classifier.classify(HttpMethod.POST, "/api/v1/enrolment")).isEqualTo(RouteClass.SESSION);
        assertThat(classifier.classify(HttpMethod.POST, "/api/v1/sessions/refresh")).isEqualTo(RouteClass.SESSION);
        assertThat(classifier.classify(HttpMethod.POST, "/api/v1/oauth/token")).isEqualTo(RouteClass.SESSION);
        assertThat(classifier.classify(HttpMethod.POST, "/api/v1/passkeys/login/options"))
                .isEqualTo(RouteClass.SESSION);
        assertThat(classifier.classify(HttpMethod.POST, "/api/v1/wallets")).isEqualTo(RouteClass.COMMAND);
        assertThat(classifier.classify(HttpMethod.PATCH, "/api/v1/wallets/x")).isEqualTo(RouteClass.COMMAND);
        assertThat(classifier.classify(HttpMethod.PUT, "/api/v1/wallets/x/threshold")).isEqualTo(RouteClass.COMMAND);
        assertThat(classifier.classify(HttpMethod.DELETE, "/api/v1/organisation/members/x"))
                .isEqualTo(RouteClass.COMMAND);
        assertThat(classifier.classify(HttpMethod.GET, "/api/v1/wallets")).isEqualTo(RouteClass.UNLIMITED);
        assertThat(classifier.classify(HttpMethod.POST, "/actuator/health")).isEqualTo(RouteClass.UNLIMITED);
    }
}
