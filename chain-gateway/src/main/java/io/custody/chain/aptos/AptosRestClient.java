package io.custody.chain.aptos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custody.chain.ChainException;
import io.custody.chain.rpc.BreakerPolicy;
import io.custody.chain.rpc.RetryPolicy;
import io.custody.chain.rpc.RpcEndpoint;
import io.custody.chain.rpc.RpcUnavailableException;
import io.custody.chain.rpc.WrongChainException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The few Aptos node REST endpoints the gateway needs (API v1): account sequence number, gas price estimate,
 * coin balance via the {@code 0x1::coin::balance} view function, BCS submission, transaction lookup by hash, and for
 * deposit scanning the ledger info, blocks by height, transaction pages, resources at a version and the
 * {@code 0x1::coin::paired_metadata} view.
 *
 * <p>Resilience as on the EVM side ({@code FailoverRpc}): endpoints in priority order, each behind its own circuit
 * breaker; a request that times out, cannot connect, or gets HTTP 5xx or 429 moves on to the next endpoint, and a
 * sweep that finds none answering is retried with the given backoff, then reported as
 * {@code ChainException(RPC_UNAVAILABLE)}. Any other HTTP answer (404, 400 with a VM error) is an answer, not an
 * outage. Once a chain id is expected, each endpoint's ledger info must show it before the endpoint is used.
 */
public final class AptosRestClient {

    static final String BCS_SIGNED_TX = "application/x.aptos.signed_transaction+bcs";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Default wait for one endpoint's whole answer. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(20);

    private final List<Node> nodes;
    private final Retry retry;
    private final Duration requestTimeout;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicReference<String> lastServedBy = new AtomicReference<>();
    private volatile Integer expectedChainId;

    /** One node, one attempt per request (as before failover existed), the default request timeout. */
    public AptosRestClient(URI base) {
        this(List.of(new RpcEndpoint("primary", base)), new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1), 1.0),
                BreakerPolicy.defaults(), DEFAULT_REQUEST_TIMEOUT);
    }

    /** {@code endpoints} are node URLs up to and including {@code /v1}, in priority order. */
    public AptosRestClient(List<RpcEndpoint> endpoints, RetryPolicy retryPolicy, BreakerPolicy breakerPolicy,
                           Duration requestTimeout) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("need at least one endpoint");
        }
        List<Node> list = new ArrayList<>();
        for (RpcEndpoint e : endpoints) {
            String b = e.url().toString();
            list.add(new Node(e, URI.create(b.endsWith("/") ? b : b + "/"),
                    CircuitBreaker.of("aptos-" + e.name(), breakerPolicy.toConfig())));
        }
        this.nodes = List.copyOf(list);
        this.retry = Retry.of("aptos", retryPolicy.toConfig());
        this.requestTimeout = requestTimeout;
    }

    /** From now on an endpoint is used only after its ledger info showed this chain id; others are refused. */
    public synchronized AptosRestClient expectChainId(int chainId) {
        if (expectedChainId != null && expectedChainId != chainId) {
            throw new IllegalStateException("this client is already pinned to chain " + expectedChainId + ", not " + chainId);
        }
        expectedChainId = chainId;
        return this;
    }

    /** Name of the endpoint that answered the most recent request. */
    public String lastServedBy() {
        return lastServedBy.get();
    }

    public boolean isRefused(String endpointName) {
        return nodes.stream().filter(n -> n.endpoint.name().equals(endpointName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no endpoint " + endpointName)).refused;
    }

    public long sequenceNumber(AptosAddress account) {
        JsonNode n = get("accounts/" + account).orElseThrow(
                () -> new ChainException(ChainException.Code.REJECTED_BY_NODE, "account " + account + " does not exist"));
        return Long.parseUnsignedLong(n.get("sequence_number").asText());
    }

    public long estimateGasUnitPrice() {
        return get("estimate_gas_price").orElseThrow().get("gas_estimate").asLong();
    }

    public BigInteger coinBalance(AptosAddress account, String coinType) {
        JsonNode r = post("view", "application/json", json(Map.of(
                "function", "0x1::coin::balance",
                "type_arguments", List.of(coinType),
                "arguments", List.of(account.toString()))));
        return new BigInteger(r.get(0).asText());
    }

    /** Submits BCS bytes; returns the hash the node assigned. */
    public String submit(byte[] signedBcs) {
        return post("transactions", BCS_SIGNED_TX, signedBcs).get("hash").asText();
    }

    /** Empty when the node does not know the hash (HTTP 404). */
    public Optional<JsonNode> transactionByHash(String hash) {
        return get("transactions/by_hash/" + hash);
    }

    /** {@code GET /v1}: chain id, ledger version, block height and the oldest block the node still serves. */
    public JsonNode ledgerInfo() {
        return getRoot().orElseThrow(
                () -> new ChainException(ChainException.Code.REJECTED_BY_NODE, "node has no ledger info"));
    }

    /** A block with (up to the node's page size of) its transactions; 410 Gone when pruned, reported as an error. */
    public JsonNode blockByHeight(long height) {
        return get("blocks/by_height/" + height + "?with_transactions=true").orElseThrow(
                () -> new ChainException(ChainException.Code.REJECTED_BY_NODE, "node has no block " + height));
    }

    /** Committed transactions from ledger version {@code start}, at most {@code limit} of them. */
    public JsonNode transactions(long start, int limit) {
        return get("transactions?start=" + start + "&limit=" + limit).orElseThrow(
                () -> new ChainException(ChainException.Code.REJECTED_BY_NODE, "node has no transactions from " + start));
    }

    /** One resource as it was at {@code ledgerVersion}; empty when it did not exist then. */
    public Optional<JsonNode> resource(AptosAddress account, String moveType, long ledgerVersion) {
        return get("accounts/" + account + "/resource/" + URLEncoder.encode(moveType, StandardCharsets.UTF_8)
                + "?ledger_version=" + ledgerVersion);
    }

    /** The raw result of the {@code 0x1::coin::paired_metadata<T>} view: {@code [{"vec":[{"inner":"0x.."}]}]} or an empty vec. */
    public JsonNode pairedMetadata(String coinType) {
        return post("view", "application/json", json(Map.of(
                "function", "0x1::coin::paired_metadata",
                "type_arguments", List.of(coinType),
                "arguments", List.of())));
    }

    private Optional<JsonNode> get(String path) {
        return answer(new Request("GET", path, null, null));
    }

    /** {@code GET /v1} itself (no trailing slash). */
    private Optional<JsonNode> getRoot() {
        return answer(new Request("GET", null, null, null));
    }

    private Optional<JsonNode> answer(Request request) {
        HttpResponse<String> r = send(request);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(parse(r));
    }

    private JsonNode post(String path, String contentType, byte[] body) {
        return parse(send(new Request("POST", path, contentType, body)));
    }

    /** One request, independent of the endpoint; {@code path} null means the API root itself. */
    private record Request(String method, String path, String contentType, byte[] body) {
        HttpRequest toHttp(URI base, Duration timeout) {
            URI uri;
            if (path == null) {
                String b = base.toString();
                uri = URI.create(b.substring(0, b.length() - 1));
            } else {
                uri = base.resolve(path);
            }
            HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(timeout);
            if (method.equals("POST")) {
                rb.header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
            } else {
                rb.GET();
            }
            return rb.build();
        }
    }

    private HttpResponse<String> send(Request request) {
        try {
            return Retry.decorateSupplier(retry, () -> sweep(request)).get();
        } catch (RpcUnavailableException e) {
            throw new ChainException(ChainException.Code.RPC_UNAVAILABLE, "Aptos node unreachable: " + e.getMessage(), e);
        }
    }

    private HttpResponse<String> sweep(Request request) {
        IOException last = null;
        for (Node n : nodes) {
            if (n.refused) {
                continue;
            }
            try {
                HttpResponse<String> r = n.breaker.executeCheckedSupplier(() -> {
                    verifyChain(n);
                    if (n.refused) {
                        return null;
                    }
                    return exchange(n, request);
                });
                if (r == null) {
                    continue;
                }
                lastServedBy.set(n.endpoint.name());
                return r;
            } catch (CallNotPermittedException open) {
                // breaker open: skip until it half-opens
            } catch (IOException e) {
                n.verified = false; // whatever answers on this URL next is checked again
                last = e;
            } catch (RuntimeException e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
        if (nodes.stream().allMatch(n -> n.refused)) {
            throw new WrongChainException("every Aptos endpoint serves a chain other than " + expectedChainId);
        }
        throw new RpcUnavailableException("no Aptos endpoint answered", last);
    }

    /** HTTP 5xx and 429 count as the endpoint failing (breaker, failover), like a timeout. */
    private HttpResponse<String> exchange(Node n, Request request) throws IOException {
        HttpResponse<String> r;
        try {
            r = http.send(request.toHttp(n.base, requestTimeout), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChainException(ChainException.Code.RPC_UNAVAILABLE, "interrupted", e);
        }
        if (r.statusCode() >= 500 || r.statusCode() == 429) {
            throw new IOException("endpoint " + n.endpoint.name() + " answered HTTP " + r.statusCode());
        }
        return r;
    }

    private void verifyChain(Node n) throws IOException {
        Integer expected = expectedChainId;
        if (expected == null || n.verified) {
            return;
        }
        HttpResponse<String> r = exchange(n, new Request("GET", null, null, null));
        int chainId;
        try {
            chainId = r.statusCode() == 200 ? JSON.readTree(r.body()).path("chain_id").asInt(-1) : -1;
        } catch (IOException unreadable) {
            chainId = -1;
        }
        n.refused = chainId != expected;
        n.verified = !n.refused;
    }

    private static final class Node {
        final RpcEndpoint endpoint;
        final URI base;
        final CircuitBreaker breaker;
        volatile boolean verified;
        volatile boolean refused;

        Node(RpcEndpoint endpoint, URI base, CircuitBreaker breaker) {
            this.endpoint = endpoint;
            this.base = base;
            this.breaker = breaker;
        }
    }

    private static JsonNode parse(HttpResponse<String> r) {
        JsonNode n;
        try {
            n = JSON.readTree(r.body());
        } catch (IOException e) {
            throw new ChainException(ChainException.Code.REJECTED_BY_NODE, "unreadable response (HTTP " + r.statusCode() + ")");
        }
        if (r.statusCode() >= 400) {
            String message = n.path("message").asText("HTTP " + r.statusCode());
            throw new ChainException(ChainException.Code.REJECTED_BY_NODE, message + " [" + n.path("error_code").asText() + "]");
        }
        return n;
    }

    private static byte[] json(Object o) {
        try {
            return JSON.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
