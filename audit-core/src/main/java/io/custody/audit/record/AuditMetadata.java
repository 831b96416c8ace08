package io.custody.audit.record;

import io.custody.api.error.TraceId;

/**
 * The event metadata keys an audit record reads the caller from. Commands carry them in their metadata (the identity
 * work puts the authenticated caller there) and Axon copies them onto the events the command applies when a
 * correlation data provider is configured for them. A key that is absent leaves the record's field empty.
 */
public final class AuditMetadata {

    public static final String ACTOR = "callerId";
    public static final String ORGANISATION = "organisationId";
    public static final String IP_ADDRESS = "ipAddress";
    public static final String USER_AGENT = "userAgent";
    public static final String SESSION_ID = "sessionId";
    public static final String TRACE_ID = TraceId.METADATA_KEY;

    private AuditMetadata() {
    }
}
