package io.custody.chain.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custody.contracts.devnode.HardhatNode;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class FailoverRpcTest {

    /** Short waits so the tests run fast; the production defaults are checked separately below. */
    static final RetryPolicy FAST_RETRY = new RetryPolicy(5, Duration.ofMillis(20), Duration.ofMillis(200), 2.0);
    static final BreakerPolicy FAST_BREAKER = new BreakerPolicy(50f, 4, 2, Duration.ofMillis(500), 1);

    static String deadUrl() {
        return "http://127.0.0.1:" + HardhatNode.freePort() + "/";
    }

    @Test
    void seed_retry_defaults_are_five_attempts_doubling_from_one_second_capped_at_thirty() {
        RetryPolicy seed = RetryPolicy.seedDefaults();
        assertThat(seed.maxAttempts()).isEqualTo(5);
        var intervals = seed.intervals();
        assertThat(List.of(intervals.apply(1), intervals.apply(2), intervals.apply(3), intervals.apply(4), intervals.apply(5),
                intervals.apply(6), intervals.apply(7))).containsExactly(1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L);
    }

    @Test
    void calls_move_to_the_backup_when_the_primary_is_killed_and_return_when_it_recovers() {
        HardhatNode primary = HardhatNode.start();
        int primaryPort = primary.port();
        try (HardhatNode backup = HardhatNode.start();
             FailoverRpc rpc = new FailoverRpc(List.of(RpcEndpoint.of("primary", primary.rpcUrl()),
                     RpcEndpoint.of("backup", backup.rpcUrl())), FAST_RETRY, FAST_BREAKER)) {
            assertThat(rpc.call(w -> w.ethChainId().send()).getChainId()).isEqualTo(BigInteger.valueOf(31337));
            assertThat(rpc.lastServedBy()).isEqualTo("primary");

            primary.kill();
            for (int i = 0; i < 5; i++) {
                assertThat(rpc.call(w -> w.ethChainId().send()).getChainId()).isEqualTo(BigInteger.valueOf(31337));
                assertThat(rpc.lastServedBy()).isEqualTo("backup");
            }
            rpc.checkHealth();
            assertThat(rpc.isHealthy("primary")).isFalse();

            primary = HardhatNode.start(primaryPort);
            // The primary's breaker half-opens after its cool-down; the next health check then finds it answering.
            await(() -> {
                rpc.checkHealth();
                return rpc.isHealthy("primary");
            });
            rpc.call(w -> w.ethBlockNumber().send());
            assertThat(rpc.lastServedBy()).isEqualTo("primary");
            assertThat(rpc.breakerState("primary")).isIn(CircuitBreaker.State.CLOSED, CircuitBreaker.State.HALF_OPEN);
        } finally {
            primary.close();
        }
    }

    @Test
    void scheduled_health_checks_mark_a_dead_primary_unhealthy_before_any_call_needs_it() {
        try (HardhatNode backup = HardhatNode.start();
             FailoverRpc rpc = new FailoverRpc(List.of(RpcEndpoint.of("primary", deadUrl()),
                     RpcEndpoint.of("backup", backup.rpcUrl())), FAST_RETRY, FAST_BREAKER)) {
            rpc.startHealthChecks(Duration.ofMillis(50));
            await(() -> !rpc.isHealthy("primary"));
            assertThat(rpc.isHealthy("backup")).isTrue();
            long before = rpc.sweepCount();
            rpc.call(w -> w.ethChainId().send());
            assertThat(rpc.lastServedBy()).isEqualTo("backup");
            assertThat(rpc.sweepCount() - before).isEqualTo(1);
        }
    }

    @Test
    void the_breaker_opens_on_the_failure_rate_and_half_opens_after_its_cool_down() {
        try (FailoverRpc rpc = new FailoverRpc(List.of(RpcEndpoint.of("flaky", deadUrl())),
                new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1), 1.0), FAST_BREAKER)) {
            assertThat(rpc.breakerState("flaky")).isEqualTo(CircuitBreaker.State.CLOSED);
            for (int i = 0; i < FAST_BREAKER.minimumCalls(); i++) {
                assertThatThrownBy(() -> rpc.call(w -> w.ethBlockNumber().send())).isInstanceOf(RpcUnavailableException.class);
            }
            assertThat(rpc.breakerState("flaky")).isEqualTo(CircuitBreaker.State.OPEN);
            // While open, calls are refused without touching the endpoint.
            assertThatThrownBy(() -> rpc.call(w -> w.ethBlockNumber().send())).isInstanceOf(RpcUnavailableException.class);
            await(() -> rpc.breakerState("flaky") == CircuitBreaker.State.HALF_OPEN);
        }
    }

    @Test
    void an_unreachable_endpoint_set_is_retried_the_configured_number_of_times_then_reported() {
        try (FailoverRpc rpc = new FailoverRpc(List.of(RpcEndpoint.of("a", deadUrl()), RpcEndpoint.of("b", deadUrl())),
                FAST_RETRY, new BreakerPolicy(100f, 100, 100, Duration.ofSeconds(30), 1))) {
            assertThatThrownBy(() -> rpc.call(w -> w.ethBlockNumber().send()))
                    .isInstanceOf(RpcUnavailableException.class);
            assertThat(rpc.sweepCount()).isEqualTo(5);
        }
    }

    @Test
    void a_json_rpc_error_is_an_answer_not_an_outage() {
        try (HardhatNode node = HardhatNode.start();
             FailoverRpc rpc = new FailoverRpc(List.of(RpcEndpoint.of("only", node.rpcUrl())), FAST_RETRY, FAST_BREAKER)) {
            for (int i = 0; i < 4; i++) {
                var r = rpc.call(w -> w.ethGetTransactionCount("0x1234", org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send());
                assertThat(r.hasError()).isTrue();
            }
            assertThat(rpc.sweepCount()).isEqualTo(4);
            assertThat(rpc.breakerState("only")).isEqualTo(CircuitBreaker.State.CLOSED);
        }
    }

    @Test
    void endpoint_urls_are_not_printed_because_they_may_carry_api_keys() {
        assertThat(RpcEndpoint.of("infra", "https://example.invalid/v3/SECRETKEY").toString()).doesNotContain("SECRETKEY");
    }

    /** Polls a condition with a generous deadline; asserts the state is reached, never how fast. */
    static void await(BooleanSupplier condition) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not reached within 30 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
