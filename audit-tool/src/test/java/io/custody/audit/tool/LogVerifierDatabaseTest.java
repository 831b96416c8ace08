package io.custody.audit.tool;

import static org.assertj.core.api.Assertions.assertThat;

import io.custody.audit.merkle.InMemoryNodeStore;
import io.custody.audit.merkle.MerkleTree;
import io.custody.audit.note.NoteSigner;
import io.custody.audit.record.Sha256;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code verify}'s reading of a real PostgreSQL: records and events are read as two ordered scans and paired by the
 * event's identifier, the record's stored global index being a hint only. A log whose events are stored in another
 * order, or whose hints are wrong, is still consistent; a deleted event, a changed payload and an event identifier
 * stored twice are each found. The database is changed directly (as a superuser would) and restored by each test.
 */
class LogVerifierDatabaseTest {

    static final int RECORDS = 2_500;
    static final List<RecordCheck.Row> LOG = SyntheticLog.rows(RECORDS, 40, new Random(7));
    static final NoteSigner SIGNER = new NoteSigner(VerifyDatabaseBenchmark.ORIGIN,
            Sha256.of("log verifier test key".getBytes(StandardCharsets.UTF_8)));
    static EmbeddedPostgres pg;
    static byte[] root;

    @BeforeAll
    static void load() throws Exception {
        pg = EmbeddedPostgres.builder().start();
        try (Connection db = pg.getPostgresDatabase().getConnection()) {
            VerifyDatabaseBenchmark.load(db, Path.of(".."), LOG, SIGNER, 1_000);
        }
        InMemoryNodeStore nodes = new InMemoryNodeStore();
        LOG.forEach(row -> nodes.append(row.storedLeaf()));
        root = new MerkleTree(nodes).root(RECORDS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    /** As {@code verify} runs: two connections in one snapshot, the events read ahead on the second. */
    static LogVerifier.Result verify() throws SQLException {
        List<Connection> connections = database().open(2);
        try (Connection db = connections.get(0); Connection events = connections.get(1)) {
            return new LogVerifier(db, events, SIGNER.key(), VerifyDatabaseBenchmark.ORIGIN).verify(2, done -> { });
        }
    }

    static DatabaseOptions database() {
        DatabaseOptions options = new DatabaseOptions();
        options.url = pg.getJdbcUrl("postgres", "postgres");
        return options;
    }

    static void sql(String... statements) throws SQLException {
        try (Connection db = pg.getPostgresDatabase().getConnection(); Statement s = db.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    @Test
    void the_loaded_log_is_consistent_with_every_checkpoint() throws SQLException {
        LogVerifier.Result result = verify();
        assertThat(result.divergence()).isNull();
        assertThat(result.records()).isEqualTo(RECORDS);
        assertThat(result.checkpoints()).isEqualTo(3);
        assertThat(result.root()).isEqualTo(root);
    }

    /** As {@link #verify()}, the events read by binary COPY instead of a cursor. */
    static LogVerifier.Result verifyByCopy() throws SQLException {
        List<Connection> connections = database().open(2);
        try (Connection db = connections.get(0); Connection events = connections.get(1);
             JdbcEventSource byCopy = new JdbcEventSource(db, events, true)) {
            LogVerifier.Result result = new LogVerifier(db, byCopy, SIGNER.key(), VerifyDatabaseBenchmark.ORIGIN)
                    .verify(2, done -> { });
            // a COPY ended early (at a divergence) must leave the connection usable
            events.rollback();
            return result;
        }
    }

    @Test
    void events_read_by_copy_give_the_same_log_and_the_same_divergence() throws SQLException {
        LogVerifier.Result result = verifyByCopy();
        assertThat(result.divergence()).isNull();
        assertThat(result.root()).isEqualTo(root);

        String eventId = LOG.get(777).event().eventIdentifier();
        sql("UPDATE DomainEventEntry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), 'USDC', "
                + "'USDT'), 'UTF8') WHERE eventIdentifier = '" + eventId + "'");
        try {
            Divergence byCopy = verifyByCopy().divergence();
            assertThat(byCopy.kind()).isEqualTo(Divergence.Kind.EVENT_CHANGED);
            assertThat(byCopy.leafIndex()).isEqualTo(777);
            assertThat(byCopy).isEqualTo(verify().divergence());
        } finally {
            sql("UPDATE DomainEventEntry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), 'USDT', "
                    + "'USDC'), 'UTF8') WHERE eventIdentifier = '" + eventId + "'");
        }
    }

    @Test
    void one_connection_reads_the_same_log() throws SQLException {
        try (Connection db = database().open()) {
            LogVerifier.Result result = new LogVerifier(db, SIGNER.key(), VerifyDatabaseBenchmark.ORIGIN)
                    .verify(1, done -> { });
            assertThat(result.divergence()).isNull();
            assertThat(result.root()).isEqualTo(root);
        }
    }

    @Test
    void both_connections_read_one_snapshot_so_an_event_stored_meanwhile_is_in_neither() throws SQLException {
        List<Connection> connections = database().open(2);
        try (Connection db = connections.get(0); Connection events = connections.get(1)) {
            // stored after the snapshot was taken, without a record yet (the projection has not caught up)
            sql("INSERT INTO DomainEventEntry (globalIndex, aggregateIdentifier, sequenceNumber, type, "
                    + "eventIdentifier, payload, payloadType, timeStamp) VALUES (9000000, 'late', 0, 'CustodyWallet', "
                    + "'late-event', convert_to('{}', 'UTF8'), 'x', '2026-12-02T00:00:00Z')");
            LogVerifier.Result result = new LogVerifier(db, events, SIGNER.key(), VerifyDatabaseBenchmark.ORIGIN)
                    .verify(2, done -> { });
            assertThat(result.divergence()).isNull();
            assertThat(result.records()).isEqualTo(RECORDS);
            // read in a new snapshot, the late event is there and has no record
            Divergence now = verify().divergence();
            assertThat(now.kind()).isEqualTo(Divergence.Kind.EVENT_NOT_RECORDED);
            assertThat(now.eventId()).isEqualTo("late-event");
        } finally {
            sql("DELETE FROM DomainEventEntry WHERE eventIdentifier = 'late-event'");
        }
    }

    @Test
    void events_stored_in_another_order_than_the_records_and_wrong_hints_still_pair_by_identifier()
            throws SQLException {
        // the events' global order reversed, then every record's hint pointing elsewhere: behind the events read
        // so far (each event is looked up directly), then far ahead of where its event is (all are read ahead)
        sql("UPDATE DomainEventEntry SET globalIndex = -globalIndex");
        try {
            assertThat(verify().divergence()).isNull();
        } finally {
            sql("UPDATE DomainEventEntry SET globalIndex = -globalIndex");
        }
        sql("CREATE TABLE saved_hints AS SELECT leaf_index, global_index FROM audit_record",
                "UPDATE audit_record SET global_index = 0");
        try {
            assertThat(verify().root()).isEqualTo(root);
        } finally {
            sql("UPDATE audit_record r SET global_index = s.global_index FROM saved_hints s "
                    + "WHERE s.leaf_index = r.leaf_index", "DROP TABLE saved_hints");
        }
        sql("UPDATE audit_record SET global_index = global_index + 100000");
        try {
            LogVerifier.Result result = verify();
            assertThat(result.divergence()).isNull();
            assertThat(result.root()).isEqualTo(root);
        } finally {
            sql("UPDATE audit_record SET global_index = global_index - 100000");
        }
    }

    @Test
    void a_deleted_event_is_found_at_its_record() throws SQLException {
        String eventId = LOG.get(1_234).event().eventIdentifier();
        sql("CREATE TABLE saved_event AS SELECT * FROM DomainEventEntry WHERE eventIdentifier = '" + eventId + "'",
                "DELETE FROM DomainEventEntry WHERE eventIdentifier = '" + eventId + "'");
        try {
            Divergence found = verify().divergence();
            assertThat(found.kind()).isEqualTo(Divergence.Kind.EVENT_MISSING);
            assertThat(found.leafIndex()).isEqualTo(1_234);
            assertThat(found.eventId()).isEqualTo(eventId);
        } finally {
            sql("INSERT INTO DomainEventEntry SELECT * FROM saved_event", "DROP TABLE saved_event");
        }
        assertThat(verify().divergence()).isNull();
    }

    @Test
    void a_changed_payload_is_found_at_its_record() throws SQLException {
        String eventId = LOG.get(2_001).event().eventIdentifier();
        sql("UPDATE DomainEventEntry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), 'USDC', "
                + "'USDT'), 'UTF8') WHERE eventIdentifier = '" + eventId + "'");
        try {
            Divergence found = verify().divergence();
            assertThat(found.kind()).isEqualTo(Divergence.Kind.EVENT_CHANGED);
            assertThat(found.leafIndex()).isEqualTo(2_001);
            assertThat(found.field()).isEqualTo("details");
            assertThat(found.expected()).contains("USDT");
        } finally {
            sql("UPDATE DomainEventEntry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), 'USDT', "
                    + "'USDC'), 'UTF8') WHERE eventIdentifier = '" + eventId + "'");
        }
        assertThat(verify().divergence()).isNull();
    }

    @Test
    void a_second_event_under_an_existing_identifier_is_found() throws SQLException {
        // a superuser drops the uniqueness and stores another event under a recorded event's identifier; each record
        // still finds an event with its identifier and every event's identifier has a record
        String eventId = LOG.get(600).event().eventIdentifier();
        sql("ALTER TABLE DomainEventEntry DROP CONSTRAINT domainevententry_eventidentifier_key",
                "INSERT INTO DomainEventEntry (globalIndex, aggregateIdentifier, sequenceNumber, type, eventIdentifier,"
                        + " metaData, payload, payloadRevision, payloadType, timeStamp) SELECT globalIndex + 1000000,"
                        + " aggregateIdentifier, sequenceNumber + 1000000, type, eventIdentifier, metaData,"
                        + " convert_to(replace(convert_from(payload, 'UTF8'), 'USDC', 'USDT'), 'UTF8'),"
                        + " payloadRevision, payloadType, timeStamp FROM DomainEventEntry"
                        + " WHERE eventIdentifier = '" + eventId + "'");
        try {
            Divergence found = verify().divergence();
            assertThat(found).isNotNull();
            assertThat(found.kind()).isEqualTo(Divergence.Kind.EVENT_NOT_RECORDED);
            assertThat(found.eventId()).isEqualTo(eventId);
            assertThat(found.found()).isEqualTo("2 events with this identifier");
        } finally {
            sql("DELETE FROM DomainEventEntry WHERE globalIndex >= 1000000",
                    "ALTER TABLE DomainEventEntry ADD CONSTRAINT domainevententry_eventidentifier_key "
                            + "UNIQUE (eventIdentifier)");
        }
        assertThat(verify().divergence()).isNull();
    }
}
