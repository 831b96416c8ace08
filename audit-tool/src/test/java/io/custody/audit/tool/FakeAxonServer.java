package io.custody.audit.tool;

import com.google.protobuf.ByteString;
import io.axoniq.axonserver.connector.impl.Headers;
import io.axoniq.axonserver.grpc.MetaDataValue;
import io.axoniq.axonserver.grpc.SerializedObject;
import io.axoniq.axonserver.grpc.control.ClientIdentification;
import io.axoniq.axonserver.grpc.control.NodeInfo;
import io.axoniq.axonserver.grpc.control.PlatformInboundInstruction;
import io.axoniq.axonserver.grpc.control.PlatformInfo;
import io.axoniq.axonserver.grpc.control.PlatformOutboundInstruction;
import io.axoniq.axonserver.grpc.control.PlatformServiceGrpc;
import io.axoniq.axonserver.grpc.event.Confirmation;
import io.axoniq.axonserver.grpc.event.Event;
import io.axoniq.axonserver.grpc.event.EventStoreGrpc;
import io.axoniq.axonserver.grpc.event.EventWithToken;
import io.axoniq.axonserver.grpc.event.GetAggregateEventsRequest;
import io.axoniq.axonserver.grpc.event.GetEventsRequest;
import io.axoniq.axonserver.grpc.event.GetLastTokenRequest;
import io.axoniq.axonserver.grpc.event.TrackingToken;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A MOCK of Axon Server's gRPC API, for tests only: Axon Server cannot run on this machine (no Docker, and its
 * distribution is not downloaded here), so the tool's Axon Server event source is tested against this stand-in.
 * It serves, on 127.0.0.1 and a free port, only what the connector and the tool use, the way Axon Server's API
 * defines it ({@code axon-server-api}'s {@code control.proto} and {@code event.proto}, whose generated stubs ship in
 * {@code axonserver-connector-java}):
 * <ul>
 *   <li>{@code PlatformService/GetPlatformServer}, answering "this same connection", and
 *       {@code PlatformService/OpenStream}, the control stream the connector opens, whose instructions it ignores;</li>
 *   <li>{@code EventStore/ListEvents} from the requested token with the client's permits (then it waits for more
 *       permits or more events, as the server does), {@code EventStore/GetLastToken} (-1 when empty) and
 *       {@code EventStore/ListAggregateEvents} (sequences from the initial one up to the maximum, inclusive);</li>
 *   <li>every writing call ({@code AppendEvent}, {@code AppendSnapshot}) is counted and refused, so a test can show
 *       the tool never writes.</li>
 * </ul>
 * What a real server would add (clusters, access control beyond recording the token, snapshots, upcasting) is not
 * mocked. The events are filled from a JDBC event store, converted as a migration to Axon Server converts them:
 * payload bytes as they are, the time in milliseconds, and the metadata JSON object as typed values.
 */
final class FakeAxonServer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final Server server;
    private final AtomicInteger writes = new AtomicInteger();
    private final Set<String> contexts = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Set<String> tokens = java.util.concurrent.ConcurrentHashMap.newKeySet();

    FakeAxonServer() throws IOException {
        ServerInterceptor headers = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata metadata,
                                                               ServerCallHandler<Q, R> next) {
                String context = metadata.get(Headers.CONTEXT);
                String token = metadata.get(Headers.ACCESS_TOKEN);
                if (context != null) {
                    contexts.add(context);
                }
                if (token != null) {
                    tokens.add(token);
                }
                return next.startCall(call, metadata);
            }
        };
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(ServerInterceptors.intercept(new Platform(), headers))
                .addService(ServerInterceptors.intercept(new EventStore(), headers))
                .build().start();
    }

    String address() {
        return "127.0.0.1:" + server.getPort();
    }

    int writes() {
        return writes.get();
    }

    /** The contexts and access tokens the calls carried. */
    Set<String> contexts() {
        return contexts;
    }

    Set<String> tokens() {
        return tokens;
    }

    /** Appends every row of {@code DomainEventEntry}, in global order, as Axon Server would hold it. */
    void fillFrom(Connection db) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(EventScan.COLUMNS + " ORDER BY globalIndex");
             ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                events.add(toAxonServer(EventScan.event(rs)));
            }
        }
    }

    static Event toAxonServer(io.custody.audit.record.StoredEvent row) {
        Event.Builder event = Event.newBuilder()
                .setMessageIdentifier(row.eventIdentifier())
                .setAggregateIdentifier(row.aggregateIdentifier())
                .setAggregateSequenceNumber(row.sequenceNumber())
                .setAggregateType(row.aggregateType() == null ? "" : row.aggregateType())
                .setTimestamp(Instant.parse(row.timeStamp()).toEpochMilli())
                .setPayload(SerializedObject.newBuilder().setType(row.payloadType())
                        .setRevision(row.payloadRevision() == null ? "" : row.payloadRevision())
                        .setData(ByteString.copyFrom(row.payload())));
        if (row.metaData() != null) {
            JsonNode metaData = JSON.readTree(new String(row.metaData(), StandardCharsets.UTF_8));
            for (Map.Entry<String, JsonNode> e : metaData.properties()) {
                JsonNode v = e.getValue();
                MetaDataValue.Builder value = MetaDataValue.newBuilder();
                if (v.isIntegralNumber()) {
                    value.setNumberValue(v.asLong());
                } else if (v.isNumber()) {
                    value.setDoubleValue(v.asDouble());
                } else if (v.isBoolean()) {
                    value.setBooleanValue(v.asBoolean());
                } else {
                    value.setTextValue(v.isString() ? v.asString() : v.toString());
                }
                event.putMetaData(e.getKey(), value.build());
            }
        }
        return event.build();
    }

    /** The event at {@code token}. */
    Event event(int token) {
        return events.get(token);
    }

    /** Appends an event at the next token. */
    void append(Event event) {
        events.add(event);
    }

    /** Takes the last event away (to undo {@link #append}). */
    void removeLast() {
        events.remove(events.size() - 1);
    }

    /** Replaces the event at {@code token}, as someone with access to the server's files might. */
    void replace(int token, Event event) {
        events.set(token, event);
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }

    private final class Platform extends PlatformServiceGrpc.PlatformServiceImplBase {
        @Override
        public void getPlatformServer(ClientIdentification request, StreamObserver<PlatformInfo> response) {
            response.onNext(PlatformInfo.newBuilder().setSameConnection(true)
                    .setPrimary(NodeInfo.newBuilder().setNodeName("fake").setHostName("127.0.0.1")
                            .setGrpcPort(server.getPort()).build())
                    .build());
            response.onCompleted();
        }

        @Override
        public StreamObserver<PlatformInboundInstruction> openStream(
                StreamObserver<PlatformOutboundInstruction> response) {
            return new StreamObserver<>() {
                @Override
                public void onNext(PlatformInboundInstruction instruction) {
                    // registration, heartbeats and acknowledgements need no answer here
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onCompleted() {
                    response.onCompleted();
                }
            };
        }
    }

    private final class EventStore extends EventStoreGrpc.EventStoreImplBase {
        @Override
        public void getLastToken(GetLastTokenRequest request, StreamObserver<TrackingToken> response) {
            response.onNext(TrackingToken.newBuilder().setToken(events.size() - 1L).build());
            response.onCompleted();
        }

        @Override
        public StreamObserver<GetEventsRequest> listEvents(StreamObserver<EventWithToken> response) {
            return new StreamObserver<>() {
                private long next = -1;
                private long permits;
                private boolean done;

                @Override
                public synchronized void onNext(GetEventsRequest request) {
                    if (next < 0) {
                        next = request.getTrackingToken();
                    }
                    permits += request.getNumberOfPermits();
                    while (!done && permits > 0 && next < events.size()) {
                        response.onNext(EventWithToken.newBuilder().setToken(next)
                                .setEvent(events.get((int) next)).build());
                        next++;
                        permits--;
                    }
                    // at the end of the store the stream stays open, waiting for new events, as the server's does
                }

                @Override
                public synchronized void onError(Throwable t) {
                    done = true;
                }

                @Override
                public synchronized void onCompleted() {
                    done = true;
                    response.onCompleted();
                }
            };
        }

        @Override
        public void listAggregateEvents(GetAggregateEventsRequest request, StreamObserver<Event> response) {
            long max = request.getMaxSequence() > 0 ? request.getMaxSequence() : Long.MAX_VALUE;
            for (Event event : events) {
                if (event.getAggregateIdentifier().equals(request.getAggregateId())
                        && event.getAggregateSequenceNumber() >= request.getInitialSequence()
                        && event.getAggregateSequenceNumber() <= max) {
                    response.onNext(event);
                }
            }
            response.onCompleted();
        }

        @Override
        public StreamObserver<Event> appendEvent(StreamObserver<Confirmation> response) {
            writes.incrementAndGet();
            response.onError(Status.PERMISSION_DENIED.withDescription("the fake refuses writes").asException());
            return new StreamObserver<>() {
                @Override
                public void onNext(Event value) {
                    writes.incrementAndGet();
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onCompleted() {
                }
            };
        }

        @Override
        public void appendSnapshot(Event request, StreamObserver<Confirmation> response) {
            writes.incrementAndGet();
            response.onError(Status.PERMISSION_DENIED.withDescription("the fake refuses writes").asException());
        }
    }
}
