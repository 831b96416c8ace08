package io.custody.chain.aptos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custody.chain.ChainException;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The few Aptos node REST endpoints the gateway needs (API v1): account sequence number, gas price estimate,
 * coin balance via the {@code 0x1::coin::balance} view function, BCS submission, and transaction lookup by hash.
 */
public final class AptosRestClient {

    static final String BCS_SIGNED_TX = "application/x.aptos.signed_transaction+bcs";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** {@code base} is the node URL up to and including {@code /v1}. */
    public AptosRestClient(URI base) {
        this.base = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
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

    private Optional<JsonNode> get(String path) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(parse(r));
    }

    private JsonNode post(String path, String contentType, byte[] body) {
        return parse(send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build()));
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ChainException(ChainException.Code.RPC_UNAVAILABLE, "Aptos node unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChainException(ChainException.Code.RPC_UNAVAILABLE, "interrupted", e);
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
