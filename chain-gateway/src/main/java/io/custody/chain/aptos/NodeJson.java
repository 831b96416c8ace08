package io.custody.chain.aptos;

import com.fasterxml.jackson.databind.JsonNode;
import io.custody.chain.ChainException;
import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Strict readers for the node's JSON. A deposit scanner that guessed a default for a missing or odd field could skip a
 * deposit silently, so every shape it relies on is checked here and a mismatch becomes a {@link ChainException}.
 */
final class NodeJson {

    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final Pattern DIGITS = Pattern.compile("0|[1-9][0-9]{0,19}");
    private static final Pattern NODE_ADDRESS = Pattern.compile("0x[0-9a-fA-F]{1,64}");

    private NodeJson() {
    }

    static ChainException malformed(String where, String what) {
        return new ChainException(ChainException.Code.REJECTED_BY_NODE, "malformed Aptos node response (" + where + "): " + what);
    }

    /** The API writes u64 values as decimal strings so JavaScript clients keep them exact. */
    static BigInteger u64(JsonNode parent, String field, String where) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isTextual() || !DIGITS.matcher(n.asText()).matches()) {
            throw malformed(where, field + " is not a u64 string: " + n);
        }
        BigInteger v = new BigInteger(n.asText());
        if (v.compareTo(U64_MAX) > 0) {
            throw malformed(where, field + " exceeds u64: " + v);
        }
        return v;
    }

    /** A u64 that this code uses as a Java long (heights and versions stay far below 2^63). */
    static long u64AsLong(JsonNode parent, String field, String where) {
        BigInteger v = u64(parent, field, where);
        if (v.bitLength() > 63) {
            throw malformed(where, field + " out of range: " + v);
        }
        return v.longValue();
    }

    static String text(JsonNode parent, String field, String where) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isTextual()) {
            throw malformed(where, field + " is missing or not a string");
        }
        return n.asText();
    }

    static JsonNode object(JsonNode parent, String field, String where) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isObject()) {
            throw malformed(where, field + " is missing or not an object");
        }
        return n;
    }

    static JsonNode array(JsonNode parent, String field, String where) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isArray()) {
            throw malformed(where, field + " is missing or not an array");
        }
        return n;
    }

    static boolean bool(JsonNode parent, String field, String where) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isBoolean()) {
            throw malformed(where, field + " is missing or not a boolean");
        }
        return n.asBoolean();
    }

    /**
     * The API documents addresses as 0x + 64 hex, "sometimes shortened by stripping leading 0s"; node output is
     * therefore left-padded here, unlike caller input, which {@link AptosAddress#parse} keeps strict.
     */
    static AptosAddress address(JsonNode parent, String field, String where) {
        return address(text(parent, field, where), where);
    }

    static AptosAddress address(String text, String where) {
        if (!NODE_ADDRESS.matcher(text).matches()) {
            throw malformed(where, "not an address: " + text);
        }
        String hex = "0".repeat(64 - (text.length() - 2)) + text.substring(2).toLowerCase(Locale.ROOT);
        return AptosAddress.parse("0x" + hex);
    }
}
