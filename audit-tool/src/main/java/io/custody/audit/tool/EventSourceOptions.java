package io.custody.audit.tool;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Which event store the events are read from: by default the JDBC event store ({@code DomainEventEntry}) in the
 * database of {@link DatabaseOptions}; with {@code --axon-server}, Axon Server (the application's
 * {@code AXON_SERVER_SERVERS} deployment), whose access token is taken from the environment only, so that it never
 * shows in a process list or a shell history.
 */
final class EventSourceOptions {

    static final String TOKEN_VARIABLE = "AXON_SERVER_TOKEN";

    @Option(names = "--axon-server", paramLabel = "host:port", split = ",",
            description = "read the events from Axon Server (gRPC port, default 8124) instead of the JDBC event store; "
                    + "the access token, if the server wants one, comes from the environment variable "
                    + TOKEN_VARIABLE)
    List<String> axonServers;

    @Option(names = "--axon-context", defaultValue = "default",
            description = "Axon Server context holding the events (default: ${DEFAULT-VALUE})")
    String axonContext;

    @Option(names = "--axon-tls", description = "connect to Axon Server with TLS")
    boolean axonTls;

    @Option(names = "--axon-timeout", defaultValue = "30", paramLabel = "SECONDS",
            description = "how long to wait for Axon Server to connect or to send the next event "
                    + "(default: ${DEFAULT-VALUE})")
    long axonTimeoutSeconds;

    @Option(names = "--event-reading", hidden = true, defaultValue = "cursor",
            description = "cursor (default): the second connection reads the JDBC events through a cursor; copy: by "
                    + "binary COPY (not faster in the measurements so far, docs/benchmarks.md)")
    String eventReading;

    /** Read by tests in place of the environment. */
    String token = System.getenv(TOKEN_VARIABLE);

    boolean axonServer() {
        return axonServers != null && !axonServers.isEmpty();
    }

    /**
     * The events' source: Axon Server when configured, else the JDBC event store on {@code db} (and {@code eventsDb},
     * a connection in {@code db}'s snapshot, when not {@code null}).
     */
    EventSource open(Connection db, Connection eventsDb) throws SQLException {
        if (axonServer()) {
            return new AxonServerEventSource(axonServers, axonContext, token, axonTls, axonTimeoutSeconds);
        }
        return new JdbcEventSource(db, eventsDb, "copy".equals(eventReading));
    }
}
