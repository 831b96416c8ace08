package io.custody.infra.web;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Where a request's trace id comes from: the one of an incoming W3C {@code traceparent} header when it is well formed,
 * else a fresh random one. Free-form ids from clients are not accepted, so nothing a client types ends up verbatim in
 * the logs.
 */
final class TraceIds {

    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final String INVALID_TRACE = "00000000000000000000000000000000";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TraceIds() {
    }

    /** The trace id for a request with this {@code traceparent} header value ({@code null} when absent). */
    static String forTraceparent(String header) {
        if (header != null) {
            var matcher = TRACEPARENT.matcher(header.trim());
            if (matcher.matches() && !INVALID_TRACE.equals(matcher.group(1))) {
                return matcher.group(1);
            }
        }
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
