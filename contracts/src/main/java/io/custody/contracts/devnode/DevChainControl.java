package io.custody.contracts.devnode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Development-chain JSON-RPC methods that production nodes do not have: snapshots for reorg simulation and
 * test isolation, automine control for stuck transactions, time travel for deadlines, and balance setting.
 */
public final class DevChainControl {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong IDS = new AtomicLong();

    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

    public DevChainControl(String rpcUrl) {
        this.endpoint = URI.create(rpcUrl);
    }

    /** Records the chain state and returns the id that {@link #revert(String)} takes. */
    public String snapshot() {
        return call("evm_snapshot").asText();
    }

    /** Restores a snapshot; every block and transaction after it disappears, as in a reorg. */
    public void revert(String snapshotId) {
        if (!call("evm_revert", snapshotId).asBoolean()) {
            throw new IllegalStateException("evm_revert refused snapshot " + snapshotId);
        }
    }

    public void setAutomine(boolean on) {
        call("evm_setAutomine", on);
    }

    public void mine(int blocks) {
        call("hardhat_mine", "0x" + Integer.toHexString(blocks));
    }

    public void increaseTime(long seconds) {
        call("evm_increaseTime", seconds);
        mine(1);
    }

    public void setBalance(String address, BigInteger wei) {
        call("hardhat_setBalance", address, "0x" + wei.toString(16));
    }

    /** Drops a pending transaction from the mempool, as a node that lost it would. */
    public void dropTransaction(String txHash) {
        call("hardhat_dropTransaction", txHash);
    }

    public JsonNode call(String method, Object... params) {
        ObjectNode req = JSON.createObjectNode();
        req.put("jsonrpc", "2.0");
        req.put("id", IDS.incrementAndGet());
        req.put("method", method);
        ArrayNode p = req.putArray("params");
        for (Object o : params) {
            p.add(JSON.valueToTree(o));
        }
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(endpoint)
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(req)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(r.body());
            if (body.has("error")) {
                throw new IllegalStateException(method + " failed: " + body.get("error"));
            }
            return body.get("result");
        } catch (IOException e) {
            throw new IllegalStateException(method + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " interrupted", e);
        }
    }
}
