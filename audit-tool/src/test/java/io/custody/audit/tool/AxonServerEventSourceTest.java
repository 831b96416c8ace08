package io.custody.audit.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.axoniq.axonserver.grpc.SerializedObject;
import io.axoniq.axonserver.grpc.event.Event;
import io.custody.audit.record.AuditHasher;
import io.custody.audit.record.Sha256;
import io.custody.audit.record.StoredEvent;
import io.custody.audit.note.NoteSigner;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/**
 * The tool reads the same log's events from the JDBC event store and from Axon Server and concludes the same.
 *
 * <p><b>Axon Server here is a mock of its gRPC API</b> ({@link FakeAxonServer}): Axon Server cannot run on this
 * machine (no Docker, no download of its distribution), so what is tested is the tool's use of the official
 * connector against the API as Axon Server defines it, not a real server. The mock is filled with exactly the events
 * of a real JDBC event store (an embedded PostgreSQL with the application's migrations, holding the
 * {@link SyntheticLog} fixture), converted as a migration to Axon Server converts them. The audit log in PostgreSQL
 * was computed from the events' portable form ({@code custody-stored-event/v2}, ADR audit-010), as the log of an
 * application running on Axon Server is; a log of the earlier definition (v1) verifies from the JDBC store only,
 * which the last test shows.
 */
class AxonServerEventSourceTest {

    static final int RECORDS = 600;
    static final int TAMPERED = 417;
    static final List<RecordCheck.Row> LOG = SyntheticLog.rows(RECORDS, 12, new Random(11), true);
    static final NoteSigner SIGNER = new NoteSigner(VerifyDatabaseBenchmark.ORIGIN,
            Sha256.of("axon server source test key".getBytes(StandardCharsets.UTF_8)));
    static EmbeddedPostgres pg;
    static FakeAxonServer axon;

    @BeforeAll
    static void load() throws Exception {
        pg = EmbeddedPostgres.builder().start();
        try (Connection db = pg.getPostgresDatabase().getConnection()) {
            VerifyDatabaseBenchmark.load(db, Path.of(".."), LOG, SIGNER, 250);
        }
        axon = new FakeAxonServer();
        try (Connection db = pg.getPostgresDatabase().getConnection()) {
            axon.fillFrom(db);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (axon != null) {
            axon.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    record Run(int exit, String out, String err) {
        JsonNode json() {
            return Json.MAPPER.readTree(out);
        }
    }

    static Run run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = AuditTool.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    static List<String> jdbc(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--db-url", pg.getJdbcUrl("postgres", "postgres")));
        return all;
    }

    static List<String> axonServer(String... args) {
        List<String> all = jdbc(args);
        all.addAll(List.of("--axon-server", axon.address(), "--axon-context", "custody-events"));
        return all;
    }

    static Run verify(List<String> args) {
        List<String> all = new ArrayList<>(List.of("verify", "--key", SIGNER.key().verifierKey(), "--json",
                "--no-progress"));
        all.addAll(args);
        return run(all);
    }

    static void sql(String... statements) throws SQLException {
        try (Connection db = pg.getPostgresDatabase().getConnection(); Statement s = db.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    @Test
    void verify_finds_the_log_consistent_from_either_source_with_one_root() {
        Run fromJdbc = verify(jdbc());
        Run fromAxon = verify(axonServer());

        assertThat(fromJdbc.exit()).as(fromJdbc.out() + fromJdbc.err()).isEqualTo(ExitCodes.CONSISTENT);
        assertThat(fromAxon.exit()).as(fromAxon.out() + fromAxon.err()).isEqualTo(ExitCodes.CONSISTENT);
        JsonNode j = fromJdbc.json();
        JsonNode a = fromAxon.json();
        assertThat(a.get("outcome").asString()).isEqualTo("CONSISTENT");
        assertThat(a.get("records").asLong()).isEqualTo(RECORDS).isEqualTo(j.get("records").asLong());
        assertThat(a.get("checkpoints").asLong()).isEqualTo(3).isEqualTo(j.get("checkpoints").asLong());
        assertThat(a.get("rootHash").asString()).isEqualTo(j.get("rootHash").asString());
        assertThat(a.get("eventSource").asString()).isEqualTo("Axon Server " + axon.address()
                + " context custody-events");
        assertThat(j.get("eventSource").asString()).isEqualTo("JDBC event store (DomainEventEntry)");
        // the tool asked the configured context and never called a writing method
        assertThat(axon.contexts()).contains("custody-events");
        assertThat(axon.writes()).isZero();
    }

    @Test
    void a_changed_payload_is_the_same_first_divergence_from_either_source() throws SQLException {
        StoredEvent original = LOG.get(TAMPERED).event();
        String eventId = original.eventIdentifier();
        Event stored = axon.event(TAMPERED);
        assertThat(stored.getMessageIdentifier()).isEqualTo(eventId);
        String changed = stored.getPayload().getData().toStringUtf8().replace("USDC", "USDT");
        sql("UPDATE DomainEventEntry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), 'USDC', "
                + "'USDT'), 'UTF8') WHERE eventIdentifier = '" + eventId + "'");
        axon.replace(TAMPERED, stored.toBuilder().setPayload(SerializedObject.newBuilder(stored.getPayload())
                .setData(ByteString.copyFromUtf8(changed))).build());
        try {
            Run fromJdbc = verify(jdbc());
            Run fromAxon = verify(axonServer());

            assertThat(fromJdbc.exit()).as(fromJdbc.err()).isEqualTo(ExitCodes.DIVERGENCE);
            assertThat(fromAxon.exit()).as(fromAxon.err()).isEqualTo(ExitCodes.DIVERGENCE);
            JsonNode divergence = fromAxon.json().get("divergence");
            assertThat(divergence.get("kind").asString()).isEqualTo("EVENT_CHANGED");
            assertThat(divergence.get("leafIndex").asLong()).isEqualTo(TAMPERED);
            assertThat(divergence.get("eventId").asString()).isEqualTo(eventId);
            assertThat(divergence.get("field").asString()).isEqualTo("details");
            assertThat(divergence.get("expected").asString()).contains("USDT");
            assertThat(divergence).isEqualTo(fromJdbc.json().get("divergence"));
        } finally {
            sql("UPDATE DomainEventEntry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), 'USDT', "
                    + "'USDC'), 'UTF8') WHERE eventIdentifier = '" + eventId + "'");
            axon.replace(TAMPERED, stored);
        }
        assertThat(verify(axonServer()).exit()).isEqualTo(ExitCodes.CONSISTENT);
    }

    @Test
    void an_event_replaced_or_added_in_axon_server_is_found_at_its_record() {
        // the event of record 123 replaced by one under another identifier: its record has no event any more
        Event stored = axon.event(123);
        axon.replace(123, stored.toBuilder().setMessageIdentifier("planted-" + stored.getMessageIdentifier()).build());
        try {
            Run run = verify(axonServer());
            assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.DIVERGENCE);
            JsonNode divergence = run.json().get("divergence");
            assertThat(divergence.get("kind").asString()).isEqualTo("EVENT_MISSING");
            assertThat(divergence.get("leafIndex").asLong()).isEqualTo(123);
            assertThat(divergence.get("eventId").asString()).isEqualTo(stored.getMessageIdentifier());
        } finally {
            axon.replace(123, stored);
        }
        // an event appended to Axon Server that the log never recorded
        axon.append(stored.toBuilder().setMessageIdentifier("unrecorded-event").setAggregateSequenceNumber(10_000)
                .build());
        try {
            Run run = verify(axonServer());
            assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.DIVERGENCE);
            JsonNode divergence = run.json().get("divergence");
            assertThat(divergence.get("kind").asString()).isEqualTo("EVENT_NOT_RECORDED");
            assertThat(divergence.get("leafIndex").asLong()).isEqualTo(RECORDS);
            assertThat(divergence.get("eventId").asString()).isEqualTo("unrecorded-event");
        } finally {
            axon.removeLast();
        }
        assertThat(verify(axonServer()).exit()).isEqualTo(ExitCodes.CONSISTENT);
    }

    @Test
    void state_and_timeline_read_the_same_history_from_either_source() {
        String wallet = LOG.get(0).event().aggregateIdentifier();
        String at = "2026-12-01T00:05:00Z";
        Run jdbcState = run(jdbc("state", "--wallet", wallet, "--at", at, "--json"));
        // Axon Server alone: state and timeline need no database
        Run axonState = run(List.of("state", "--wallet", wallet, "--at", at, "--json", "--axon-server",
                axon.address()));
        assertThat(jdbcState.exit()).as(jdbcState.err()).isZero();
        assertThat(axonState.exit()).as(axonState.err()).isZero();
        assertThat(axonState.json()).isEqualTo(jdbcState.json());
        assertThat(axonState.json().get("events").asInt()).isGreaterThan(1);

        Run jdbcTimeline = run(jdbc("timeline", "--wallet", wallet, "--json"));
        Run axonTimeline = run(List.of("timeline", "--wallet", wallet, "--json", "--axon-server", axon.address()));
        assertThat(axonTimeline.exit()).as(axonTimeline.err()).isZero();
        List<String> fromJdbc = new ArrayList<>();
        jdbcTimeline.json().forEach(r -> fromJdbc.add(r.get("eventId").asString() + " " + r.get("eventType")
                .asString() + " " + r.get("details").asString()));
        List<String> fromAxon = new ArrayList<>();
        axonTimeline.json().forEach(r -> fromAxon.add(r.get("eventId").asString() + " " + r.get("eventType")
                .asString() + " " + r.get("details").asString()));
        assertThat(fromAxon).hasSize(RECORDS / 12).isEqualTo(fromJdbc);
        assertThat(axon.writes()).isZero();
    }

    @Test
    void the_access_token_is_sent_and_an_event_is_found_by_its_aggregate_and_sequence() throws SQLException {
        StoredEvent row = LOG.get(TAMPERED).event();
        try (AxonServerEventSource source = new AxonServerEventSource(List.of(axon.address()), "default",
                "token-for-the-test", false, 10)) {
            assertThat(source.lastToken()).isEqualTo(RECORDS - 1);
            StoredEvent found = source.find(row.eventIdentifier(), row.aggregateIdentifier(), row.sequenceNumber());
            assertThat(found).isNotNull();
            assertThat(found.payload()).isEqualTo(row.payload());
            assertThat(found.portable().metaData()).isEqualTo(row.portable().metaData());
            assertThat(found.timeStamp()).isEqualTo(row.portable().timeStamp());
            assertThat(source.find("another-id", row.aggregateIdentifier(), row.sequenceNumber())).isNull();
        }
        assertThat(axon.tokens()).contains("token-for-the-test");
    }

    @Test
    void an_unreachable_axon_server_is_a_failure_to_read_not_a_verdict() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Run run = verify(jdbc("--axon-server", "127.0.0.1:" + port, "--axon-timeout", "3"));
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(run.err()).contains("Axon Server 127.0.0.1:" + port);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void a_log_of_the_first_definition_verifies_from_the_jdbc_store_only() {
        // records computed from the JDBC rows as stored (v1): Axon Server keeps neither those metadata bytes nor
        // the time text, so from it the first record already differs
        RecordCheck.Row v1 = SyntheticLog.rows(3, 3, new Random(5)).get(0);
        StoredEvent fromAxon = AxonServerEventSource.event(0, FakeAxonServer.toAxonServer(v1.event()));
        RecordCheck.Check fromJdbc = RecordCheck.check(v1, w -> Optional.empty(), new AuditHasher());
        RecordCheck.Check viaAxon = RecordCheck.check(new RecordCheck.Row(0, v1.stored(), v1.storedLeaf(), fromAxon),
                w -> Optional.empty(), new AuditHasher());
        assertThat(fromJdbc.divergence()).isNull();
        assertThat(viaAxon.divergence()).isNotNull();
        assertThat(viaAxon.divergence().field()).isEqualTo("occurredAt");
    }
}
