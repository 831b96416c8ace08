package io.custody.api.error;

/**
 * Stable error codes of the API, one per cause a client can act on, with the HTTP status the seed assigns them.
 * Clients match on the code, never on the message. Values are only ever added, never renamed or removed.
 */
public enum ErrorCode {
    VALIDATION_ERROR(400),
    MALFORMED_REQUEST(400),
    UNAUTHENTICATED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    NOT_ACCEPTABLE(406),
    CONFLICT(409),
    IDEMPOTENCY_CONFLICT(409),
    /** The request body is larger than the server reads. */
    CONTENT_TOO_LARGE(413),
    /** The request line (method, path and query) is longer than the server reads. */
    URI_TOO_LONG(414),
    UNSUPPORTED_MEDIA_TYPE(415),
    RATE_LIMITED(429),
    /** The request's headers together are larger than the server reads. */
    HEADERS_TOO_LARGE(431),
    INTERNAL_ERROR(500),
    SERVICE_UNAVAILABLE(503);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
