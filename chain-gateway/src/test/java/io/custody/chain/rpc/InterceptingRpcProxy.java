package io.custody.chain.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A JSON-RPC endpoint in front of a real node that lets a test inject the faults a real provider shows now and then:
 * a lagging view of the chain, a wrong chain id, a reorg between two reads, a connection dropped after the node
 * accepted a transaction. Every request no rule claims is forwarded to the node unchanged.
 */
public final class InterceptingRpcProxy implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** What to do with one request. */
    public sealed interface Reply {
        /** Forward (possibly rewritten) to the node; {@code after} runs once the node has answered. */
        record Forward(ObjectNode request, Runnable after) implements Reply {
        }

        /** Answer with this result without asking the node. */
        record Result(JsonNode result) implements Reply {
        }

        /** Forward to the node, then close the connection without answering (a timeout after acceptance). */
        record ForwardThenDrop() implements Reply {
        }

        /** Close the connection without forwarding (a timeout before the node saw it). */
        record Drop() implements Reply {
        }
    }

    private final HttpServer server;
    private final URI upstream;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Function<ObjectNode, Reply>> rules = new CopyOnWriteArrayList<>();
    private final List<String> methods = new CopyOnWriteArrayList<>();

    public InterceptingRpcProxy(String upstreamUrl) {
        this.upstream = URI.create(upstreamUrl);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
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

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** Adds a rule; a rule returns null for requests it does not claim. Earlier rules win. */
    public InterceptingRpcProxy rule(Function<ObjectNode, Reply> rule) {
        rules.add(rule);
        return this;
    }

    public void clearRules() {
        rules.clear();
    }

    /** Every JSON-RPC method received, in order. */
    public List<String> methods() {
        return List.copyOf(methods);
    }

    public static Reply forward(ObjectNode request) {
        return new Reply.Forward(request, () -> { });
    }

    public static JsonNode json(Object value) {
        return JSON.valueToTree(value);
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            byte[] body = ex.getRequestBody().readAllBytes();
            JsonNode parsed = JSON.readTree(body);
            if (!(parsed instanceof ObjectNode request)) {
                respond(ex, send(body));
                return;
            }
            methods.add(request.path("method").asText());
            Reply reply = null;
            for (Function<ObjectNode, Reply> r : rules) {
                reply = r.apply(request);
                if (reply != null) {
                    break;
                }
            }
            if (reply == null) {
                reply = forward(request);
            }
            if (reply instanceof Reply.Forward f) {
                byte[] answer = send(JSON.writeValueAsBytes(f.request()));
                f.after().run();
                respond(ex, answer);
            } else if (reply instanceof Reply.Result r) {
                ObjectNode answer = JSON.createObjectNode();
                answer.put("jsonrpc", "2.0");
                answer.set("id", request.get("id"));
                answer.set("result", r.result());
                respond(ex, JSON.writeValueAsBytes(answer));
            } else if (reply instanceof Reply.ForwardThenDrop) {
                send(body);
            }
            // Reply.Drop: close without a response
        } finally {
            ex.close();
        }
    }

    private byte[] send(byte[] body) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(upstream).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void respond(HttpExchange ex, byte[] answer) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, answer.length);
        ex.getResponseBody().write(answer);
    }

    /** The JSON-RPC method a request names. */
    public static String method(ObjectNode request) {
        return request.path("method").asText();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
