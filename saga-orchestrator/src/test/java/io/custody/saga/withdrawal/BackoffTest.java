package io.custody.saga.withdrawal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void the_pause_doubles_from_the_second_try_and_stops_growing_at_the_cap() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(4), 8);
        assertThat(backoff.before(1)).isZero();
        assertThat(backoff.before(2)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.before(3)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.before(4)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.before(5)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.before(6)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.before(100)).isEqualTo(Duration.ofSeconds(4));
    }
}
