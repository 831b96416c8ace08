package io.custody.chain.aptos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custody.chain.ChainException;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The few Aptos node REST endpoints the gateway needs (API v1): account sequence number, gas price estimate,
 * coin balance via the {@code 0x1::coin::balance} view function, BCS submission, transaction lookup by hash, and for
 * deposit scanning the ledger info, blocks by height, transaction pages, resources at a version and the
 * {@code 0x1::coin::paired_metadata} view.
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

    /** {@code GET /v1}: chain id, ledger version, block height and the oldest block the node still serves. */
    public JsonNode ledgerInfo() {
        String b = base.toString();
        return getAt(URI.create(b.substring(0, b.length() - 1))).orElseThrow(
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
        return getAt(base.resolve(path));
    }

    private Optional<JsonNode> getAt(URI uri) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri).GET().build());
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
