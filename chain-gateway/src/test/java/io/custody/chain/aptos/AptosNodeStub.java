package io.custody.chain.aptos;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bouncycastle.crypto.digests.SHA3Digest;

/**
 * A local stand-in for an Aptos fullnode's REST API v1, because no Aptos node can run on this machine. It speaks the
 * documented request and response shapes for the endpoints the gateway uses; it does not execute Move. Submissions
 * are recorded as pending and become committed when the test calls {@link #commitAll()}.
 *
 * <p>For deposit scanning it also serves a ledger the test builds block by block ({@link #addBlock}): ledger info,
 * blocks by height (truncated to {@link #blockPageSize} transactions like a real node's page limit), transaction
 * pages, resources at a version and the {@code paired_metadata} view. {@link #rawReplies} replaces the answer to one
 * request path with a raw body, to feed the gateway malformed responses.
 */
public final class AptosNodeStub implements AutoCloseable {

    private final HttpServer server;
    public final Map<String, Long> sequenceNumbers = new ConcurrentHashMap<>();
    public final Map<String, BigInteger> aptBalances = new ConcurrentHashMap<>();
    public final Map<String, byte[]> submitted = new ConcurrentHashMap<>();
    public final Map<String, Boolean> committed = new ConcurrentHashMap<>();
    public volatile String rejectNextSubmissionWith;
    /** While set, every submission is refused with this VM validation status (a node that keeps saying no). */
    public volatile String rejectSubmissionsWith;
    /** While positive, every request is answered 503 (and the count goes down): an overloaded node. */
    final java.util.concurrent.atomic.AtomicInteger unavailableFor = new java.util.concurrent.atomic.AtomicInteger();
    /** Answers ledger info with this chain id instead of testnet's 2. */
    volatile int chainId = 2;
    /** The ledger timestamp (microseconds) ledger info reports: moved past an expiration to let it expire. */
    public volatile long ledgerTimestampMicros = 1_767_225_600_000_000L;

    public static final ObjectMapper JSON = new ObjectMapper();
    public final List<ObjectNode> blocks = new CopyOnWriteArrayList<>();
    /** Key "address|type" as the node spells them in the request path; the stub keeps one state for all versions. */
    final Map<String, JsonNode> resources = new ConcurrentHashMap<>();
    final Map<String, String> pairedMetadata = new ConcurrentHashMap<>();
    /** Key: the path after /v1/ with its query string, e.g. {@code blocks/by_height/2?with_transactions=true}. */
    final Map<String, Reply> rawReplies = new ConcurrentHashMap<>();
    public final List<String> requests = new CopyOnWriteArrayList<>();
    volatile int blockPageSize = 10_000;
    volatile long oldestBlockHeight;

    record Reply(int status, String body) {
    }

    public AptosNodeStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/", this::handle);
        server.createContext("/v1", this::handle);
        server.start();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    /** Commits every submitted transaction; like a real node, an account's sequence number moves only now. */
    public void commitAll() {
        submitted.forEach((h, body) -> {
            if (committed.putIfAbsent(h, true) == null) {
                sequenceNumbers.merge("0x" + HexFormat.of().formatHex(body, 0, 32), 1L, Long::sum);
            }
        });
    }

    /**
     * Appends a block holding {@code txs}, numbering their versions after the previous block's last one like the
     * ledger does; returns the block so tests can read its height and hash.
     */
    public ObjectNode addBlock(ObjectNode... txs) {
        long height = blocks.size();
        long first = blocks.isEmpty() ? 0 : Long.parseLong(blocks.get(blocks.size() - 1).get("last_version").asText()) + 1;
        ObjectNode b = JSON.createObjectNode();
        b.put("block_height", Long.toString(height));
        b.put("block_hash", "0x" + HexFormat.of().formatHex(sha3(("block " + height).getBytes(StandardCharsets.UTF_8))));
        b.put("block_timestamp", Long.toString(1_767_225_600_000_000L + height * 250_000));
        b.put("first_version", Long.toString(first));
        b.put("last_version", Long.toString(first + txs.length - 1));
        ArrayNode arr = b.putArray("transactions");
        for (int i = 0; i < txs.length; i++) {
            txs[i].put("version", Long.toString(first + i));
            arr.add(txs[i]);
        }
        blocks.add(b);
        return b;
    }

    private void handle(HttpExchange ex) throws IOException {
        String full = ex.getRequestURI().getPath();
        String path = full.length() <= "/v1/".length() ? "" : full.substring("/v1/".length());
        String query = ex.getRequestURI().getRawQuery();
        String key = query == null ? path : path + "?" + query;
        requests.add(key);
        try {
            Reply raw = rawReplies.get(key);
            if (unavailableFor.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                reply(ex, 503, "{\"message\":\"overloaded\",\"error_code\":\"internal_error\"}");
            } else if (raw != null) {
                reply(ex, raw.status(), raw.body());
            } else if (ex.getRequestMethod().equals("GET") && path.isEmpty()) {
                ledgerInfo(ex);
            } else if (ex.getRequestMethod().equals("GET") && path.startsWith("blocks/by_height/")) {
                block(ex, Long.parseLong(path.substring("blocks/by_height/".length())));
            } else if (ex.getRequestMethod().equals("GET") && path.equals("transactions")) {
                transactions(ex, query);
            } else if (ex.getRequestMethod().equals("GET") && path.startsWith("accounts/") && path.contains("/resource/")) {
                String[] parts = path.substring("accounts/".length()).split("/resource/", 2);
                JsonNode r = resources.get(parts[0] + "|" + parts[1]);
                if (r == null) {
                    reply(ex, 404, "{\"message\":\"Resource not found by Address(" + parts[0] + "), Struct tag(" + parts[1]
                            + ") and Ledger version\",\"error_code\":\"resource_not_found\"}");
                } else {
                    reply(ex, 200, JSON.writeValueAsString(r));
                }
            } else if (ex.getRequestMethod().equals("GET") && path.startsWith("accounts/")) {
                Long seq = sequenceNumbers.get(path.substring("accounts/".length()));
                if (seq == null) {
                    reply(ex, 404, "{\"message\":\"Account not found\",\"error_code\":\"account_not_found\"}");
                } else {
                    reply(ex, 200, "{\"sequence_number\":\"" + seq + "\",\"authentication_key\":\"" + path.substring(9) + "\"}");
                }
            } else if (ex.getRequestMethod().equals("GET") && path.equals("estimate_gas_price")) {
                reply(ex, 200, "{\"gas_estimate\":100,\"deprioritized_gas_estimate\":100,\"prioritized_gas_estimate\":150}");
            } else if (ex.getRequestMethod().equals("POST") && path.equals("view")
                    && new String(peekBody(ex), StandardCharsets.UTF_8).contains("0x1::coin::paired_metadata")) {
                JsonNode req = JSON.readTree(peekBody(ex));
                String metadata = pairedMetadata.get(req.get("type_arguments").get(0).asText());
                reply(ex, 200, metadata == null ? "[{\"vec\":[]}]" : "[{\"vec\":[{\"inner\":\"" + metadata + "\"}]}]");
            } else if (ex.getRequestMethod().equals("POST") && path.equals("view")) {
                String body = new String(peekBody(ex), StandardCharsets.UTF_8);
                String account = body.replaceAll(".*\"arguments\":\\[\"(0x[0-9a-f]{64})\"].*", "$1");
                reply(ex, 200, "[\"" + aptBalances.getOrDefault(account, BigInteger.ZERO) + "\"]");
            } else if (ex.getRequestMethod().equals("POST") && path.equals("transactions")) {
                submit(ex);
            } else if (ex.getRequestMethod().equals("GET") && path.startsWith("transactions/by_hash/")) {
                String hash = path.substring("transactions/by_hash/".length());
                if (!submitted.containsKey(hash)) {
                    reply(ex, 404, "{\"message\":\"Transaction not found by Transaction hash(" + hash + ")\",\"error_code\":\"transaction_not_found\"}");
                } else if (committed.containsKey(hash)) {
                    reply(ex, 200, "{\"type\":\"user_transaction\",\"hash\":\"" + hash + "\",\"version\":\"77\",\"success\":true,\"vm_status\":\"Executed successfully\"}");
                } else {
                    reply(ex, 200, "{\"type\":\"pending_transaction\",\"hash\":\"" + hash + "\"}");
                }
            } else {
                reply(ex, 404, "{\"message\":\"not found\",\"error_code\":\"web_framework_error\"}");
            }
        } finally {
            bodies.remove(ex);
            ex.close();
        }
    }

    private final Map<HttpExchange, byte[]> bodies = new ConcurrentHashMap<>();

    /** The request body, read once and kept so that more than one branch can look at it. */
    private byte[] peekBody(HttpExchange ex) throws IOException {
        byte[] b = bodies.get(ex);
        if (b == null) {
            b = ex.getRequestBody().readAllBytes();
            bodies.put(ex, b);
        }
        return b;
    }

    private void ledgerInfo(HttpExchange ex) throws IOException {
        long height = blocks.size() - 1L;
        String version = blocks.isEmpty() ? "0" : blocks.get(blocks.size() - 1).get("last_version").asText();
        ObjectNode n = JSON.createObjectNode();
        n.put("chain_id", chainId);
        n.put("epoch", "1");
        n.put("ledger_version", version);
        n.put("oldest_ledger_version", "0");
        n.put("ledger_timestamp", Long.toString(ledgerTimestampMicros));
        n.put("node_role", "full_node");
        n.put("oldest_block_height", Long.toString(oldestBlockHeight));
        n.put("block_height", Long.toString(Math.max(height, 0)));
        n.put("git_hash", "0000000000000000000000000000000000000000");
        reply(ex, 200, JSON.writeValueAsString(n));
    }

    private void block(HttpExchange ex, long height) throws IOException {
        if (height < oldestBlockHeight) {
            reply(ex, 410, "{\"message\":\"Block(" + height + ") has been pruned\",\"error_code\":\"block_pruned\"}");
            return;
        }
        if (height >= blocks.size()) {
            reply(ex, 404, "{\"message\":\"Block not found by Height(" + height + ")\",\"error_code\":\"block_not_found\"}");
            return;
        }
        ObjectNode b = blocks.get((int) height).deepCopy();
        ArrayNode all = (ArrayNode) b.get("transactions");
        ArrayNode page = JSON.createArrayNode();
        for (int i = 0; i < Math.min(all.size(), blockPageSize); i++) {
            page.add(all.get(i));
        }
        b.set("transactions", page);
        reply(ex, 200, JSON.writeValueAsString(b));
    }

    private void transactions(HttpExchange ex, String query) throws IOException {
        long start = 0;
        int limit = 100;
        for (String kv : query == null ? new String[0] : query.split("&")) {
            String[] p = kv.split("=", 2);
            if (p[0].equals("start")) {
                start = Long.parseLong(p[1]);
            } else if (p[0].equals("limit")) {
                limit = Math.min(100, Integer.parseInt(p[1]));
            }
        }
        ArrayNode out = JSON.createArrayNode();
        for (ObjectNode b : blocks) {
            for (JsonNode tx : b.get("transactions")) {
                long v = Long.parseLong(tx.get("version").asText());
                if (v >= start && out.size() < limit) {
                    out.add(tx);
                }
            }
        }
        reply(ex, 200, JSON.writeValueAsString(out));
    }

    private void submit(HttpExchange ex) throws IOException {
        if (!AptosRestClient.BCS_SIGNED_TX.equals(ex.getRequestHeaders().getFirst("Content-Type"))) {
            reply(ex, 415, "{\"message\":\"unsupported content type\",\"error_code\":\"web_framework_error\"}");
            return;
        }
        byte[] body = ex.getRequestBody().readAllBytes();
        if (rejectNextSubmissionWith != null || rejectSubmissionsWith != null) {
            String vmError = rejectNextSubmissionWith != null ? rejectNextSubmissionWith : rejectSubmissionsWith;
            rejectNextSubmissionWith = null;
            reply(ex, 400, "{\"message\":\"Invalid transaction: Type: Validation Code: " + vmError + "\",\"error_code\":\"vm_error\",\"vm_error_code\":3}");
            return;
        }
        // Hash computed here independently of the gateway's code, with the formula the Aptos SDKs document.
        String hash = "0x" + HexFormat.of().formatHex(sha3(concat(sha3("APTOS::Transaction".getBytes(StandardCharsets.UTF_8)),
                new byte[] {0}, body)));
        String sender = "0x" + HexFormat.of().formatHex(body, 0, 32);
        submitted.put(hash, body);
        reply(ex, 202, "{\"hash\":\"" + hash + "\",\"sender\":\"" + sender + "\"}");
    }

    private static void reply(HttpExchange ex, int status, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(b);
        }
    }

    private static byte[] sha3(byte[] in) {
        SHA3Digest d = new SHA3Digest(256);
        d.update(in, 0, in.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int off = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, off, p.length);
            off += p.length;
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
