package io.custody.infra.web;

import java.util.List;
import java.util.Map;

/** The seed's error body: {@code {"error":{"code","message","details","traceId"}}}. */
public record ApiError(Body error) {

    public record Body(String code, String message, Map<String, List<String>> details, String traceId) {
    }

    public static ApiError of(String code, String message, Map<String, List<String>> details, String traceId) {
        return new ApiError(new Body(code, message, details == null ? Map.of() : details, traceId));
    }
}
