package io.custody.chain.store;

import io.custody.chain.ChainAddress;
import io.custody.chain.ChainRef;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * {@link NonceStore} in PostgreSQL (table {@code chain_nonce}, migration V60). Each update is one transaction that
 * holds the sender's row lock ({@code SELECT ... FOR UPDATE}), so gateway instances sharing the database serialise
 * per sender and never hand out the same nonce twice.
 */
public final class JdbcNonceStore implements NonceStore {

    private final DataSource dataSource;

    public JdbcNonceStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public <R> R update(ChainRef chain, ChainAddress sender, Supplier<BigInteger> firstNext,
                        Function<NonceState, Change<R>> change) {
        String chainKey = chain.family() + ":" + chain.networkId();
        String senderKey = sender.value().toLowerCase();
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                NonceState current = lock(c, chainKey, senderKey);
                if (current == null) {
                    // First use of this sender: start at the node's pending count (asked once, inside the lock).
                    insertIfAbsent(c, chainKey, senderKey, NonceState.startingAt(firstNext.get()));
                    current = lock(c, chainKey, senderKey);
                }
                Change<R> result = change.apply(current);
                write(c, chainKey, senderKey, result.state());
                c.commit();
                return result.result();
            } catch (RuntimeException | SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new StoreException("nonce state of " + sender + " on " + chainKey + " could not be updated", e);
        }
    }

    private static NonceState lock(Connection c, String chain, String sender) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT next_nonce, reserved, broadcast, free FROM chain_nonce"
                + " WHERE chain = ? AND sender = ? FOR UPDATE")) {
            ps.setString(1, chain);
            ps.setString(2, sender);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new NonceState(rs.getBigDecimal(1).toBigIntegerExact(), set(rs.getArray(2)), set(rs.getArray(3)),
                        set(rs.getArray(4)));
            }
        }
    }

    private static void insertIfAbsent(Connection c, String chain, String sender, NonceState s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO chain_nonce (chain, sender, next_nonce, reserved,"
                + " broadcast, free) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (chain, sender) DO NOTHING")) {
            ps.setString(1, chain);
            ps.setString(2, sender);
            bind(c, ps, 3, s);
            ps.executeUpdate();
        }
    }

    private static void write(Connection c, String chain, String sender, NonceState s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE chain_nonce SET next_nonce = ?, reserved = ?,"
                + " broadcast = ?, free = ?, updated_at = now() WHERE chain = ? AND sender = ?")) {
            bind(c, ps, 1, s);
            ps.setString(5, chain);
            ps.setString(6, sender);
            ps.executeUpdate();
        }
    }

    private static void bind(Connection c, PreparedStatement ps, int from, NonceState s) throws SQLException {
        ps.setBigDecimal(from, new BigDecimal(s.next()));
        ps.setArray(from + 1, array(c, s.reserved()));
        ps.setArray(from + 2, array(c, s.broadcast()));
        ps.setArray(from + 3, array(c, s.free()));
    }

    private static Array array(Connection c, NavigableSet<BigInteger> values) throws SQLException {
        return c.createArrayOf("numeric", values.stream().map(BigDecimal::new).toArray());
    }

    private static NavigableSet<BigInteger> set(Array a) throws SQLException {
        NavigableSet<BigInteger> out = new TreeSet<>();
        for (Object o : (Object[]) a.getArray()) {
            out.add(((BigDecimal) o).toBigIntegerExact());
        }
        return out;
    }
}
