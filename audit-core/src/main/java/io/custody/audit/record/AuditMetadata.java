package io.custody.audit.record;

import io.custody.api.error.TraceId;
import io.custody.api.identity.Caller;

/**
 * The event metadata keys an audit record reads the caller from. Commands carry them in their metadata (the security
 * layer puts the authenticated caller there under {@link Caller}'s keys) and Axon copies them onto the events the command applies when a
 * correlation data provider is configured for them. A key that is absent leaves the record's field empty.
 */
public final class AuditMetadata {

    public static final String ACTOR = Caller.SUBJECT;
    public static final String ORGANISATION = Caller.ORGANISATION;
    public static final String IP_ADDRESS = Caller.IP;
    public static final String USER_AGENT = Caller.USER_AGENT;
    public static final String SESSION_ID = Caller.SESSION;
    public static final String TRACE_ID = TraceId.METADATA_KEY;
    public static final String CALLER_KIND = Caller.KIND;
    public static final String CREDENTIAL = Caller.CREDENTIAL;

    private AuditMetadata() {
    }
}
