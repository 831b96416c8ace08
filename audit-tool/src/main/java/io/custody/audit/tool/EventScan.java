package io.custody.audit.tool;

import io.custody.audit.record.StoredEvent;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGStatement;
import org.postgresql.copy.PGCopyInputStream;

/**
 * The event store's events in global order. On the reading connection itself, or, given a connection of its own (one
 * that imported the reading transaction's snapshot), on a thread that reads ahead, so that PostgreSQL produces the
 * events in one backend while another produces the records.
 */
abstract class EventScan implements AutoCloseable {

    static final String COLUMNS = """
            SELECT globalIndex, eventIdentifier, aggregateIdentifier, sequenceNumber, type, payloadType,
                   payloadRevision, timeStamp, payload, metaData FROM DomainEventEntry""";
    private static final String IN_ORDER = COLUMNS + " ORDER BY globalIndex";

    /** The next event, or {@code null} after the last. */
    abstract StoredEvent next() throws SQLException;

    @Override
    public abstract void close() throws SQLException;

    static EventScan on(Connection db) throws SQLException {
        return new Direct(db);
    }

    static EventScan readAhead(Connection own) {
        return readAhead(own, false);
    }

    /**
     * Reads ahead on {@code own}: by {@code COPY ... TO STDOUT (FORMAT binary)} when {@code byCopy} (one stream of
     * rows, no cursor round trips, no per-column result-set work), else through a cursor of {@code fetchSize} rows.
     * Only for a connection that runs nothing else meanwhile: a COPY holds its connection until it ends.
     */
    static EventScan readAhead(Connection own, boolean byCopy) {
        return new ReadAhead(own, byCopy);
    }

    static StoredEvent event(ResultSet rs) throws SQLException {
        return new StoredEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getBytes(9), rs.getBytes(10));
    }

    /** Streams in batches, with bytea columns in binary (half the bytes of their hex text). */
    static PreparedStatement streaming(PreparedStatement statement) throws SQLException {
        statement.setFetchSize(5_000);
        statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
        return statement;
    }

    private static final class Direct extends EventScan {
        private final PreparedStatement query;
        private final ResultSet rows;

        Direct(Connection db) throws SQLException {
            query = streaming(db.prepareStatement(IN_ORDER));
            rows = query.executeQuery();
        }

        @Override
        StoredEvent next() throws SQLException {
            return rows.next() ? event(rows) : null;
        }

        @Override
        public void close() throws SQLException {
            try (query) {
                rows.close();
            }
        }
    }

    private static final class ReadAhead extends EventScan {
        private static final int CHUNK = 1_000;
        private static final List<StoredEvent> END = List.of();

        private final BlockingQueue<List<StoredEvent>> chunks = new ArrayBlockingQueue<>(16);
        private final Thread reader;
        private volatile boolean closed;
        private volatile Throwable failure;
        private List<StoredEvent> current = List.of();
        private int position;
        private boolean ended;

        ReadAhead(Connection own, boolean byCopy) {
            reader = new Thread(() -> read(own, byCopy), "verify-event-reader");
            reader.setDaemon(true);
            reader.start();
        }

        private void read(Connection own, boolean byCopy) {
            try {
                if (byCopy) {
                    readByCopy(own);
                } else {
                    readByCursor(own);
                }
            } catch (Throwable e) {
                failure = e;
            } finally {
                try {
                    put(END);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private void readByCursor(Connection own) throws SQLException, InterruptedException {
            try (PreparedStatement query = streaming(own.prepareStatement(IN_ORDER));
                 ResultSet rows = query.executeQuery()) {
                List<StoredEvent> chunk = new ArrayList<>(CHUNK);
                while (!closed && rows.next()) {
                    chunk.add(event(rows));
                    if (chunk.size() == CHUNK) {
                        put(chunk);
                        chunk = new ArrayList<>(CHUNK);
                    }
                }
                if (!chunk.isEmpty()) {
                    put(chunk);
                }
            }
        }

        private void readByCopy(Connection own) throws SQLException, IOException, InterruptedException {
            PGCopyInputStream copy = new PGCopyInputStream(own.unwrap(PGConnection.class),
                    "COPY (" + IN_ORDER + ") TO STDOUT (FORMAT binary)");
            try {
                BinaryCopy rows = new BinaryCopy(new DataInputStream(new BufferedInputStream(copy, 1 << 16)));
                List<StoredEvent> chunk = new ArrayList<>(CHUNK);
                while (!closed && rows.next(10)) {
                    chunk.add(new StoredEvent(rows.int8(), rows.text(), rows.text(), rows.int8(), rows.text(),
                            rows.text(), rows.text(), rows.text(), rows.bytes(), rows.bytes()));
                    if (chunk.size() == CHUNK) {
                        put(chunk);
                        chunk = new ArrayList<>(CHUNK);
                    }
                }
                if (!chunk.isEmpty()) {
                    put(chunk);
                }
            } finally {
                if (copy.isActive()) {
                    // closed early (a divergence was found): end the COPY so the connection can be rolled back
                    copy.cancelCopy();
                }
                copy.close();
            }
        }

        private void put(List<StoredEvent> chunk) throws InterruptedException {
            while (!closed && !chunks.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                // the consumer is behind: wait, unless it has gone
            }
        }

        @Override
        StoredEvent next() throws SQLException {
            while (position == current.size()) {
                if (ended) {
                    return null;
                }
                try {
                    current = chunks.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted while reading events", e);
                }
                position = 0;
                if (current == END) {
                    ended = true;
                    if (failure != null) {
                        throw failure instanceof SQLException sql ? sql
                                : new SQLException("reading the events failed", failure);
                    }
                }
            }
            return current.get(position++);
        }

        @Override
        public void close() {
            closed = true;
            try {
                reader.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
