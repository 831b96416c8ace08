package io.custody.infra.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;

/**
 * A JSON-RPC endpoint on a loopback port in front of a real node, as an RPC provider the application is configured
 * with: it forwards every request unchanged and records the method names, so a test can tell which endpoint served
 * what. Two faults: {@link #onChain(long)} makes it claim another chain id (every other answer still comes from the
 * real node, so only the application's check can keep it from being used), and {@link #down()} stops it, after which
 * connections are refused like those of a crashed provider.
 */
public final class RpcEndpointProxy implements AutoCloseable {

    private final HttpServer server;
    private final URI upstream;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final List<String> methods = new CopyOnWriteArrayList<>();
    private volatile Long claimedChainId;

    public RpcEndpointProxy(String upstreamUrl) {
        this.upstream = URI.create(upstreamUrl);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 32);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "rpc-proxy");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** From now on answers {@code eth_chainId} with {@code chainId} instead of the node's. */
    public RpcEndpointProxy onChain(long chainId) {
        this.claimedChainId = chainId;
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** The JSON-RPC methods received so far, in order. */
    public List<String> methods() {
        return List.copyOf(methods);
    }

    /** Stops listening: every later connection is refused. */
    public void down() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            JsonNode request = Http.JSON.readTree(body);
            String method = request.isObject() && request.has("method") ? request.get("method").asString() : "batch";
            methods.add(method);
            byte[] answer;
            Long claimed = claimedChainId;
            if (claimed != null && "eth_chainId".equals(method)) {
                answer = ("{\"jsonrpc\":\"2.0\",\"id\":" + request.get("id").toString() + ",\"result\":\"0x"
                        + Long.toHexString(claimed) + "\"}").getBytes(StandardCharsets.UTF_8);
            } else {
                try {
                    answer = http.send(HttpRequest.newBuilder(upstream).header("Content-Type", "application/json")
                                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                    .build(), HttpResponse.BodyHandlers.ofByteArray()).body();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
