package io.custody.audit.tool;

import io.axoniq.axonserver.connector.AxonServerConnection;
import io.axoniq.axonserver.connector.AxonServerConnectionFactory;
import io.axoniq.axonserver.connector.event.AggregateEventStream;
import io.axoniq.axonserver.connector.event.EventChannel;
import io.axoniq.axonserver.connector.event.EventStream;
import io.axoniq.axonserver.connector.impl.ServerAddress;
import io.axoniq.axonserver.grpc.MetaDataValue;
import io.axoniq.axonserver.grpc.SerializedObject;
import io.axoniq.axonserver.grpc.event.Event;
import io.axoniq.axonserver.grpc.event.EventWithToken;
import io.custody.audit.record.PortableEvents;
import io.custody.audit.record.StoredEvent;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Axon Server's event store of one context, read through its gRPC event API with AxonIQ's connector (the one Axon
 * Framework uses): the whole stream in token order ({@code EventStore/ListEvents}) and one aggregate's events
 * ({@code EventStore/ListAggregateEvents}). Nothing here appends, schedules or stores a snapshot.
 *
 * <p>The stream is read up to the last token Axon Server reports when the source is opened
 * ({@code EventStore/GetLastToken}); {@code verify} opens it after PostgreSQL's snapshot of the audit tables is taken,
 * so every record in that snapshot has its event within the range. Events stored after it are left out, as the JDBC
 * source leaves out rows committed after its snapshot.
 *
 * <p>Events are turned into their {@linkplain StoredEvent.Form#PORTABLE portable form} (ADR audit-010): Axon Server
 * keeps metadata as typed values, not bytes, and time in milliseconds. An event that is not an aggregate's (empty
 * aggregate identifier) is named as Axon's JDBC store names it: its own identifier as aggregate, sequence 0, no type.
 */
final class AxonServerEventSource extends EventSource {

    static final String CLIENT = "custody-audit-tool";
    private static final int BUFFER = 5_000;
    private static final int REFILL = 1_000;

    private final AxonServerConnectionFactory factory;
    private final AxonServerConnection connection;
    private final String description;
    private final long timeoutSeconds;
    private final long lastToken;

    /**
     * Connects to {@code servers} ({@code host:port}, the port defaulting to 8124) for {@code context}, with an
     * access token when one is given, and reads the last token.
     */
    AxonServerEventSource(List<String> servers, String context, String token, boolean tls, long timeoutSeconds)
            throws SQLException {
        AxonServerConnectionFactory.Builder builder = AxonServerConnectionFactory.forClient(CLIENT)
                .routingServers(servers.stream().map(AxonServerEventSource::address).toArray(ServerAddress[]::new))
                .connectTimeout(timeoutSeconds, TimeUnit.SECONDS);
        if (token != null && !token.isEmpty()) {
            builder.token(token);
        }
        if (tls) {
            builder.useTransportSecurity();
        }
        this.factory = builder.build();
        this.description = "Axon Server " + String.join(",", servers) + " context " + context;
        this.timeoutSeconds = timeoutSeconds;
        try {
            this.connection = factory.connect(context);
            this.lastToken = await(events().getLastToken(), "the last token");
        } catch (SQLException | RuntimeException e) {
            factory.shutdown();
            throw e;
        }
    }

    static ServerAddress address(String hostPort) {
        String value = hostPort.trim();
        int colon = value.lastIndexOf(':');
        if (colon < 0) {
            return new ServerAddress(value, 8124);
        }
        try {
            return new ServerAddress(value.substring(0, colon), Integer.parseInt(value.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not host:port: " + value);
        }
    }

    private EventChannel events() {
        return connection.eventChannel();
    }

    /** The token of the last event when the source was opened; -1 when the context has none. */
    long lastToken() {
        return lastToken;
    }

    @Override
    EventScan scan() {
        return new Scan();
    }

    @Override
    StoredEvent find(String eventId, String aggregateId, long sequence) throws SQLException {
        AggregateEventStream stream = events().openAggregateStream(aggregateId, sequence, sequence + 1);
        try {
            while (stream.hasNext()) {
                Event event = stream.next();
                if (event.getAggregateSequenceNumber() == sequence && event.getMessageIdentifier().equals(eventId)) {
                    // the global token is not part of an aggregate's stream; the event is found by its identity
                    return event(-1, event);
                }
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventStoreException("interrupted while reading aggregate " + aggregateId, e);
        } catch (RuntimeException e) {
            throw new EventStoreException("reading aggregate " + aggregateId + " from " + description + " failed", e);
        } finally {
            stream.cancel();
        }
    }

    @Override
    String describe() {
        return description;
    }

    /** The portable form of an event Axon Server holds at {@code token}. */
    static StoredEvent event(long token, Event event) {
        boolean domain = !event.getAggregateIdentifier().isEmpty();
        SerializedObject payload = event.getPayload();
        Map<String, Object> metaData = new LinkedHashMap<>();
        event.getMetaDataMap().forEach((key, value) -> metaData.put(key, value(value)));
        return PortableEvents.of(token, event.getMessageIdentifier(),
                domain ? event.getAggregateIdentifier() : event.getMessageIdentifier(),
                domain ? event.getAggregateSequenceNumber() : 0,
                event.getAggregateType().isEmpty() ? null : event.getAggregateType(),
                payload.getType(), payload.getRevision().isEmpty() ? null : payload.getRevision(),
                event.getTimestamp(), payload.getData().toByteArray(), metaData);
    }

    /** A metadata value as Axon Server types it; a serialized object as its type, revision and data. */
    static Object value(MetaDataValue value) {
        return switch (value.getDataCase()) {
            case TEXT_VALUE -> value.getTextValue();
            case NUMBER_VALUE -> value.getNumberValue();
            case BOOLEAN_VALUE -> value.getBooleanValue();
            case DOUBLE_VALUE -> value.getDoubleValue();
            case BYTES_VALUE -> {
                Map<String, Object> object = new LinkedHashMap<>();
                object.put("type", value.getBytesValue().getType());
                object.put("revision", value.getBytesValue().getRevision());
                object.put("data", value.getBytesValue().getData().toByteArray());
                yield object;
            }
            case DATA_NOT_SET -> null;
        };
    }

    private <T> T await(java.util.concurrent.CompletableFuture<T> future, String what) throws SQLException {
        try {
            return future.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventStoreException("interrupted while reading " + what + " from " + description, e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new EventStoreException("reading " + what + " from " + description + " failed: "
                    + cause.getMessage(), cause);
        }
    }

    /** Every event from token 0 up to {@link #lastToken}, in token order. */
    private final class Scan extends EventScan {
        private EventStream stream;
        private long expected;

        @Override
        StoredEvent next() throws SQLException {
            if (expected > lastToken) {
                close();
                return null;
            }
            if (stream == null) {
                // the connector's token is the last one seen: -1 asks Axon Server for the stream from token 0
                stream = events().openStream(-1, BUFFER, REFILL);
            }
            EventWithToken next;
            try {
                next = stream.nextIfAvailable(timeoutSeconds, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EventStoreException("interrupted while reading events from " + description, e);
            }
            if (next == null) {
                Throwable error = stream.getError().orElse(null);
                throw new EventStoreException("no event at token " + expected + " from " + description
                        + (error == null ? " within " + timeoutSeconds + " s" : ": " + error.getMessage()), error);
            }
            if (next.getToken() < expected) {
                throw new EventStoreException("event stream of " + description + " went back to token "
                        + next.getToken() + " after " + (expected - 1), null);
            }
            expected = next.getToken() + 1;
            return AxonServerEventSource.event(next.getToken(), next.getEvent());
        }

        @Override
        public void close() {
            if (stream != null) {
                stream.close();
                stream = null;
            }
        }
    }

    @Override
    public void close() {
        try {
            connection.disconnect();
        } finally {
            factory.shutdown();
        }
    }
}
