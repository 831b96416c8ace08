package io.custody.mpc.node;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The node's HTTP endpoint on the JDK's built-in server (ADR frost-002): {@code GET /v1/health},
 * {@code POST /v1/sessions} to start a session, {@code POST /v1/sessions/{id}/messages} to deliver envelopes,
 * {@code POST /v1/sessions/{id}/cancel} to drop a session the coordinator gave up on. Every
 * POST must be signed by a caller in the roster. Bodies are {@link NodeWire} binary; errors use the team's JSON format.
 */
public final class NodeHttpServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(NodeHttpServer.class.getName());
    private static final int MAX_BODY = 4 << 20;

    private final MpcNode node;
    private final RequestSigning.Verifier verifier;
    private final HttpServer server;
    private final ExecutorService executor;

    static {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs: ~40 ms per exchange.
        // The server reads this property once, when the first server is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    public NodeHttpServer(MpcNode node, RequestSigning.Verifier verifier, InetSocketAddress bind) throws IOException {
        this.node = node;
        this.verifier = verifier;
        this.server = HttpServer.create(bind, 64);
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "mpc-node-" + node.id() + "-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/v1/", this::handle);
    }

    public NodeHttpServer start() {
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        String traceId = UUID.randomUUID().toString();
        try {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (method.equals("GET") && path.equals("/v1/health")) {
                reply(ex, 200, "text/plain", ("ok " + node.id()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return;
            }
            if (!method.equals("POST")) {
                error(ex, 405, "METHOD_NOT_ALLOWED", "use POST", traceId);
                return;
            }
            byte[] body = readBody(ex.getRequestBody());
            Map<String, String> headers = new HashMap<>();
            for (String h : List.of(RequestSigning.CALLER, RequestSigning.TIMESTAMP, RequestSigning.NONCE,
                    RequestSigning.SIGNATURE)) {
                String v = ex.getRequestHeaders().getFirst(h);
                if (v != null) {
                    headers.put(h, v);
                }
            }
            verifier.verify(method, path, headers, body);
            RoundOutput out;
            if (path.equals("/v1/sessions")) {
                out = node.start(NodeWire.request(body));
            } else if (path.startsWith("/v1/sessions/") && path.endsWith("/cancel")) {
                node.cancel(path.substring("/v1/sessions/".length(), path.length() - "/cancel".length()));
                reply(ex, 204, "application/octet-stream", new byte[0]);
                return;
            } else if (path.startsWith("/v1/sessions/") && path.endsWith("/messages")) {
                String sessionId = path.substring("/v1/sessions/".length(), path.length() - "/messages".length());
                out = node.deliver(sessionId, NodeWire.envelopes(body));
            } else {
                error(ex, 404, "NOT_FOUND", "no such endpoint", traceId);
                return;
            }
            reply(ex, 200, "application/octet-stream", NodeWire.output(out));
        } catch (MpcNode.Refused r) {
            error(ex, r.httpStatus, r.code, r.getMessage(), traceId);
        } catch (IllegalArgumentException e) {
            error(ex, 400, "MALFORMED_REQUEST", e.getMessage(), traceId);
        } catch (RuntimeException e) {
            // The message may come from anywhere below; log the type only, never a payload.
            LOG.log(Level.WARNING, "node " + node.id() + " failed a request, trace " + traceId + ": " + e.getClass().getName());
            error(ex, 500, "INTERNAL", "internal error", traceId);
        } finally {
            ex.close();
        }
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            throw new IllegalArgumentException("body too large");
        }
        return body;
    }

    private static void error(HttpExchange ex, int status, String code, String message, String traceId) throws IOException {
        reply(ex, status, "application/json", ErrorBody.json(code, message, traceId));
    }

    private static void reply(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
