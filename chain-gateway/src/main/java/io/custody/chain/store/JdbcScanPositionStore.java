package io.custody.chain.store;

import io.custody.chain.Amount;
import io.custody.chain.ChainAddress;
import io.custody.chain.Deposit;
import io.custody.chain.TxHash;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * {@link ScanPositionStore} in PostgreSQL (tables {@code chain_scan_position}, {@code chain_scan_block},
 * {@code chain_scan_deposit}, migration V60). A save replaces the watch's rows in one transaction, so a crash leaves
 * either the old position or the new one.
 */
public final class JdbcScanPositionStore implements ScanPositionStore {

    private final DataSource dataSource;

    public JdbcScanPositionStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public Optional<ScanPosition> load(String watchId) {
        try (Connection c = dataSource.getConnection()) {
            long next;
            try (PreparedStatement ps = c.prepareStatement("SELECT next_block FROM chain_scan_position WHERE watch_id = ?")) {
                ps.setString(1, watchId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    next = rs.getLong(1);
                }
            }
            TreeMap<Long, String> hashes = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT height, hash FROM chain_scan_block WHERE watch_id = ?")) {
                ps.setString(1, watchId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        hashes.put(rs.getLong(1), rs.getString(2));
                    }
                }
            }
            List<TrackedDeposit> deposits = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT tx_hash, log_index, to_address, from_address, asset,"
                    + " amount, block_number, block_hash, confirmed FROM chain_scan_deposit WHERE watch_id = ?"
                    + " ORDER BY seq")) {
                ps.setString(1, watchId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String from = rs.getString(4);
                        deposits.add(new TrackedDeposit(new Deposit(new TxHash(rs.getString(1)), rs.getInt(2),
                                new ChainAddress(rs.getString(3)), from == null ? null : new ChainAddress(from),
                                AssetCodes.decode(rs.getString(5)), Amount.of(rs.getBigDecimal(6).toBigIntegerExact()),
                                rs.getLong(7), rs.getString(8)), rs.getBoolean(9)));
                    }
                }
            }
            return Optional.of(new ScanPosition(next, hashes, deposits));
        } catch (SQLException e) {
            throw new StoreException("scan position of " + watchId + " could not be read", e);
        }
    }

    @Override
    public void save(String watchId, ScanPosition position) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO chain_scan_position (watch_id, next_block)"
                        + " VALUES (?, ?) ON CONFLICT (watch_id) DO UPDATE SET next_block = EXCLUDED.next_block,"
                        + " updated_at = now()")) {
                    ps.setString(1, watchId);
                    ps.setLong(2, position.nextBlock());
                    ps.executeUpdate();
                }
                for (String table : List.of("chain_scan_block", "chain_scan_deposit")) {
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE watch_id = ?")) {
                        ps.setString(1, watchId);
                        ps.executeUpdate();
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO chain_scan_block (watch_id, height, hash)"
                        + " VALUES (?, ?, ?)")) {
                    for (Map.Entry<Long, String> e : position.blockHashes().entrySet()) {
                        ps.setString(1, watchId);
                        ps.setLong(2, e.getKey());
                        ps.setString(3, e.getValue());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO chain_scan_deposit (watch_id, seq, tx_hash,"
                        + " log_index, to_address, from_address, asset, amount, block_number, block_hash, confirmed)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    int seq = 0;
                    for (TrackedDeposit t : position.deposits()) {
                        Deposit d = t.deposit();
                        ps.setString(1, watchId);
                        ps.setInt(2, seq++);
                        ps.setString(3, d.tx().value());
                        ps.setInt(4, d.logIndex());
                        ps.setString(5, d.to().value());
                        ps.setString(6, d.from() == null ? null : d.from().value());
                        ps.setString(7, AssetCodes.encode(d.asset()));
                        ps.setBigDecimal(8, new BigDecimal(d.amount().baseUnits()));
                        ps.setLong(9, d.blockNumber());
                        ps.setString(10, d.blockHash());
                        ps.setBoolean(11, t.confirmed());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                c.commit();
            } catch (RuntimeException | SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new StoreException("scan position of " + watchId + " could not be saved", e);
        }
    }
}
