package io.custody.mpc.node;

import java.nio.charset.StandardCharsets;

/** The team's error format {@code {"error":{"code","message","details","traceId"}}}, written without a JSON library. */
final class ErrorBody {

    private ErrorBody() {
    }

    static byte[] json(String code, String message, String traceId) {
        return ("{\"error\":{\"code\":\"" + escape(code) + "\",\"message\":\"" + escape(message)
                + "\",\"details\":{},\"traceId\":\"" + escape(traceId) + "\"}}").getBytes(StandardCharsets.UTF_8);
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : (s == null ? "" : s).toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** Reads the code back out of an error body, for the coordinator's exceptions. */
    static String code(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8);
        int i = s.indexOf("\"code\":\"");
        if (i < 0) {
            return "UNKNOWN";
        }
        int j = s.indexOf('"', i + 8);
        return j < 0 ? "UNKNOWN" : s.substring(i + 8, j);
    }

    static String message(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8);
        int i = s.indexOf("\"message\":\"");
        if (i < 0) {
            return s;
        }
        int j = s.indexOf("\",\"details\"", i);
        return j < 0 ? s : s.substring(i + 11, j);
    }
}
