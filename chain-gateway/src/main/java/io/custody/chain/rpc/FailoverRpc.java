package io.custody.chain.rpc;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * Sends each call to the highest-priority endpoint that is healthy and whose breaker admits it, falling through to
 * the next on transport failure. A whole sweep that finds no working endpoint is retried with exponential backoff.
 * Because the primary is always tried first once it is healthy and its breaker admits calls again, traffic returns
 * to it after it recovers.
 */
public final class FailoverRpc implements AutoCloseable {

    private final List<Node> nodes;
    private final Retry retry;
    private final AtomicReference<String> lastServedBy = new AtomicReference<>();
    private final AtomicLong sweeps = new AtomicLong();
    private ScheduledExecutorService healthChecker;

    public FailoverRpc(List<RpcEndpoint> endpoints, RetryPolicy retryPolicy, BreakerPolicy breakerPolicy) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("need at least one endpoint");
        }
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(20))
                .build();
        List<Node> list = new ArrayList<>();
        for (RpcEndpoint e : endpoints) {
            list.add(new Node(e, Web3j.build(new HttpService(e.url().toString(), http)),
                    CircuitBreaker.of("rpc-" + e.name(), breakerPolicy.toConfig())));
        }
        this.nodes = List.copyOf(list);
        this.retry = Retry.of("rpc", retryPolicy.toConfig());
    }

    public static FailoverRpc single(String url) {
        return new FailoverRpc(List.of(RpcEndpoint.of("primary", url)), RetryPolicy.seedDefaults(), BreakerPolicy.defaults());
    }

    /** Runs the call with failover and retries; JSON-RPC errors inside a response are the caller's to interpret. */
    public <T> T call(RpcCall<T> call) {
        return Retry.decorateSupplier(retry, () -> sweep(call)).get();
    }

    private <T> T sweep(RpcCall<T> call) {
        sweeps.incrementAndGet();
        IOException last = null;
        boolean anyHealthy = nodes.stream().anyMatch(n -> n.healthy);
        for (Node n : nodes) {
            // When every endpoint looks unhealthy, try them all anyway rather than fail without asking.
            if (anyHealthy && !n.healthy) {
                continue;
            }
            try {
                T result = n.breaker.executeCheckedSupplier(() -> call.apply(n.web3j));
                lastServedBy.set(n.endpoint.name());
                return result;
            } catch (CallNotPermittedException open) {
                // breaker open: skip this endpoint until it half-opens
            } catch (IOException e) {
                n.healthy = false;
                last = e;
            } catch (RuntimeException e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
        throw new RpcUnavailableException("no RPC endpoint answered", last);
    }

    /** Probes every endpoint once (eth_blockNumber) through its breaker and records whether it answered. */
    public void checkHealth() {
        for (Node n : nodes) {
            try {
                n.breaker.executeCheckedSupplier(() -> n.web3j.ethBlockNumber().send());
                n.healthy = true;
            } catch (CallNotPermittedException open) {
                n.healthy = false;
            } catch (Throwable t) {
                n.healthy = false;
            }
        }
    }

    /** Starts periodic health checks on a daemon thread. */
    public synchronized void startHealthChecks(Duration every) {
        if (healthChecker != null) {
            return;
        }
        healthChecker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rpc-health");
            t.setDaemon(true);
            return t;
        });
        healthChecker.scheduleWithFixedDelay(this::checkHealth, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Name of the endpoint that answered the most recent successful call. */
    public String lastServedBy() {
        return lastServedBy.get();
    }

    /** How many failover sweeps ran (1 per attempt), for observing the retry policy. */
    public long sweepCount() {
        return sweeps.get();
    }

    public CircuitBreaker.State breakerState(String endpointName) {
        return node(endpointName).breaker.getState();
    }

    public boolean isHealthy(String endpointName) {
        return node(endpointName).healthy;
    }

    public Map<String, CircuitBreaker.State> breakerStates() {
        Map<String, CircuitBreaker.State> m = new ConcurrentHashMap<>();
        nodes.forEach(n -> m.put(n.endpoint.name(), n.breaker.getState()));
        return m;
    }

    private Node node(String name) {
        return nodes.stream().filter(n -> n.endpoint.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no endpoint " + name));
    }

    @Override
    public synchronized void close() {
        if (healthChecker != null) {
            healthChecker.shutdownNow();
        }
        nodes.forEach(n -> n.web3j.shutdown());
    }

    private static final class Node {
        final RpcEndpoint endpoint;
        final Web3j web3j;
        final CircuitBreaker breaker;
        volatile boolean healthy = true;

        Node(RpcEndpoint endpoint, Web3j web3j, CircuitBreaker breaker) {
            this.endpoint = endpoint;
            this.web3j = web3j;
            this.breaker = breaker;
        }
    }
}
