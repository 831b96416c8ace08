package io.custody.audit.tool;

import io.custody.audit.merkle.NodeStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The stored tree nodes, read through the tool's read-only connection. */
final class JdbcNodes implements NodeStore {

    private final Connection db;

    JdbcNodes(Connection db) {
        this.db = db;
    }

    @Override
    public byte[] node(int level, long index) {
        try (PreparedStatement query = db.prepareStatement(
                "SELECT hash FROM audit_tree_node WHERE level = ? AND idx = ?")) {
            query.setInt(1, level);
            query.setLong(2, index);
            try (ResultSet rs = query.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("audit tree node " + level + "/" + index + " is missing");
                }
                return rs.getBytes(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
