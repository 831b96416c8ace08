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
 *
 * <p>Once a chain id is expected ({@link #expectChainId}), no endpoint serves a call before its {@code eth_chainId}
 * has been read and matched; an endpoint on another chain is refused (never used) until a health check finds it on
 * the right chain again. An endpoint that dropped out is checked again when it comes back, since whatever answers
 * on its URL then may be another node.
 */
public final class FailoverRpc implements AutoCloseable {

    private final List<Node> nodes;
    private final Retry retry;
    private final AtomicReference<String> lastServedBy = new AtomicReference<>();
    private final AtomicLong sweeps = new AtomicLong();
    private ScheduledExecutorService healthChecker;
    private volatile Long expectedChainId;

    public FailoverRpc(List<RpcEndpoint> endpoints, RetryPolicy retryPolicy, BreakerPolicy breakerPolicy) {
        this(endpoints, retryPolicy, breakerPolicy, DEFAULT_READ_TIMEOUT);
    }

    /** Default wait for one endpoint's answer; past it the call counts as a transport failure and fails over. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(20);

    public FailoverRpc(List<RpcEndpoint> endpoints, RetryPolicy retryPolicy, BreakerPolicy breakerPolicy,
                       Duration readTimeout) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("need at least one endpoint");
        }
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(readTimeout)
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

    /**
     * From now on every endpoint must prove with {@code eth_chainId} that it serves this chain before it is used.
     * Pinning the same id twice is harmless; pinning another one is a wiring error.
     */
    public synchronized FailoverRpc expectChainId(long chainId) {
        if (expectedChainId != null && expectedChainId != chainId) {
            throw new IllegalStateException("this RPC client is already pinned to chain " + expectedChainId
                    + ", not " + chainId);
        }
        expectedChainId = chainId;
        return this;
    }

    /** The chain id endpoints are checked against, if one was pinned. */
    public java.util.OptionalLong expectedChainId() {
        Long id = expectedChainId;
        return id == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(id);
    }

    /** Runs the call with failover and retries; JSON-RPC errors inside a response are the caller's to interpret. */
    public <T> T call(RpcCall<T> call) {
        return Retry.decorateSupplier(retry, () -> sweep(call)).get();
    }

    private <T> T sweep(RpcCall<T> call) {
        sweeps.incrementAndGet();
        IOException last = null;
        boolean anyHealthy = nodes.stream().anyMatch(n -> n.healthy && !n.refused);
        for (Node n : nodes) {
            if (n.refused) {
                continue;
            }
            // When every endpoint looks unhealthy, try them all anyway rather than fail without asking.
            if (anyHealthy && !n.healthy) {
                continue;
            }
            try {
                T result = n.breaker.executeCheckedSupplier(() -> {
                    verifyChain(n);
                    return n.refused ? null : call.apply(n.web3j);
                });
                if (n.refused) {
                    continue;
                }
                lastServedBy.set(n.endpoint.name());
                return result;
            } catch (CallNotPermittedException open) {
                // breaker open: skip this endpoint until it half-opens
            } catch (IOException e) {
                markDown(n);
                last = e;
            } catch (RuntimeException e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
        if (nodes.stream().allMatch(n -> n.refused)) {
            throw new WrongChainException("every RPC endpoint serves a chain other than " + expectedChainId);
        }
        throw new RpcUnavailableException("no RPC endpoint answered", last);
    }

    /** Reads the endpoint's chain id once (again after it was down) and refuses it when it is not the expected one. */
    private void verifyChain(Node n) throws IOException {
        Long expected = expectedChainId;
        if (expected == null || n.verifiedChainId) {
            return;
        }
        var r = n.web3j.ethChainId().send();
        if (r.hasError() || r.getChainId() == null) {
            // An endpoint that cannot say which chain it serves is not trusted with this one.
            n.refused = true;
            return;
        }
        if (r.getChainId().longValue() != expected || r.getChainId().bitLength() > 63) {
            n.refused = true;
            return;
        }
        n.refused = false;
        n.verifiedChainId = true;
    }

    private static void markDown(Node n) {
        n.healthy = false;
        n.verifiedChainId = false;
    }

    /**
     * Probes every endpoint once through its breaker and records whether it answered: with {@code eth_chainId}
     * (and refuses it on a mismatch) once a chain id is pinned, else with {@code eth_blockNumber}.
     */
    public void checkHealth() {
        for (Node n : nodes) {
            try {
                n.breaker.executeCheckedSupplier(() -> {
                    if (expectedChainId == null) {
                        return n.web3j.ethBlockNumber().send();
                    }
                    n.verifiedChainId = false;
                    verifyChain(n);
                    return null;
                });
                n.healthy = true;
            } catch (CallNotPermittedException open) {
                n.healthy = false;
            } catch (Throwable t) {
                markDown(n);
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

    /** True while the endpoint is refused because it answered with another chain id (or none). */
    public boolean isRefused(String endpointName) {
        return node(endpointName).refused;
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
        volatile boolean verifiedChainId;
        volatile boolean refused;

        Node(RpcEndpoint endpoint, Web3j web3j, CircuitBreaker breaker) {
            this.endpoint = endpoint;
            this.web3j = web3j;
            this.breaker = breaker;
        }
    }
}
