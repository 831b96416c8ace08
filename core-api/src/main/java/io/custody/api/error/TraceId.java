package io.custody.api.error;

/**
 * Names under which a request's trace id travels: the response header a client quotes to support, the exchange
 * attribute the REST layer reads it from, and the message metadata key that carries it into every command and event.
 */
public final class TraceId {

    public static final String HEADER = "X-Trace-Id";
    public static final String EXCHANGE_ATTRIBUTE = "io.custody.traceId";
    public static final String METADATA_KEY = "traceId";
    /** Key of the logging context (MDC) entry, so JSON logs can be joined with error responses. */
    public static final String MDC_KEY = "traceId";

    private TraceId() {
    }
}
