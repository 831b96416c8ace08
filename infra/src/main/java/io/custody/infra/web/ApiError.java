package io.custody.infra.web;

import io.custody.api.error.Rejection;
import java.util.List;
import java.util.Map;

/**
 * The seed's error body, {@code {"error":{"code","message","details","traceId"}}}, with the stable {@code reason} a
 * client branches on beside the code.
 */
public record ApiError(Body error) {

    public record Body(String code, String reason, String message, Map<String, List<String>> details,
                       String traceId) {
    }

    public static ApiError of(Rejection rejection, String traceId) {
        return new ApiError(new Body(rejection.code().name(), rejection.reason().name(), rejection.message(),
                rejection.details(), traceId));
    }
}
