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
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.crypto.digests.SHA3Digest;

/**
 * A local stand-in for an Aptos fullnode's REST API v1, because no Aptos node can run on this machine. It speaks the
 * documented request and response shapes for the endpoints the gateway uses; it does not execute Move. Submissions
 * are recorded as pending and become committed when the test calls {@link #commitAll()}.
 */
final class AptosNodeStub implements AutoCloseable {

    private final HttpServer server;
    final Map<String, Long> sequenceNumbers = new ConcurrentHashMap<>();
    final Map<String, BigInteger> aptBalances = new ConcurrentHashMap<>();
    final Map<String, byte[]> submitted = new ConcurrentHashMap<>();
    final Map<String, Boolean> committed = new ConcurrentHashMap<>();
    volatile String rejectNextSubmissionWith;

    AptosNodeStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/", this::handle);
        server.start();
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    void commitAll() {
        submitted.keySet().forEach(h -> committed.put(h, true));
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath().substring("/v1/".length());
        try {
            if (ex.getRequestMethod().equals("GET") && path.startsWith("accounts/")) {
                Long seq = sequenceNumbers.get(path.substring("accounts/".length()));
                if (seq == null) {
                    reply(ex, 404, "{\"message\":\"Account not found\",\"error_code\":\"account_not_found\"}");
                } else {
                    reply(ex, 200, "{\"sequence_number\":\"" + seq + "\",\"authentication_key\":\"" + path.substring(9) + "\"}");
                }
            } else if (ex.getRequestMethod().equals("GET") && path.equals("estimate_gas_price")) {
                reply(ex, 200, "{\"gas_estimate\":100,\"deprioritized_gas_estimate\":100,\"prioritized_gas_estimate\":150}");
            } else if (ex.getRequestMethod().equals("POST") && path.equals("view")) {
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
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
            ex.close();
        }
    }

    private void submit(HttpExchange ex) throws IOException {
        if (!AptosRestClient.BCS_SIGNED_TX.equals(ex.getRequestHeaders().getFirst("Content-Type"))) {
            reply(ex, 415, "{\"message\":\"unsupported content type\",\"error_code\":\"web_framework_error\"}");
            return;
        }
        byte[] body = ex.getRequestBody().readAllBytes();
        if (rejectNextSubmissionWith != null) {
            String vmError = rejectNextSubmissionWith;
            rejectNextSubmissionWith = null;
            reply(ex, 400, "{\"message\":\"Invalid transaction: Type: Validation Code: " + vmError + "\",\"error_code\":\"vm_error\",\"vm_error_code\":3}");
            return;
        }
        // Hash computed here independently of the gateway's code, with the formula the Aptos SDKs document.
        String hash = "0x" + HexFormat.of().formatHex(sha3(concat(sha3("APTOS::Transaction".getBytes(StandardCharsets.UTF_8)),
                new byte[] {0}, body)));
        String sender = "0x" + HexFormat.of().formatHex(body, 0, 32);
        sequenceNumbers.merge(sender, 1L, Long::sum);
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
