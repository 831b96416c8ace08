package io.custody.query.audit;

import io.custody.audit.merkle.NodeStore;
import io.custody.audit.merkle.StoredNode;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** The tree's perfect-subtree hashes in {@code audit_tree_node}, read in the caller's transaction. */
final class AuditTreeNodes implements NodeStore {

    private final JdbcTemplate jdbc;

    AuditTreeNodes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public byte[] node(int level, long index) {
        List<byte[]> hash = jdbc.queryForList("SELECT hash FROM audit_tree_node WHERE level = ? AND idx = ?",
                byte[].class, level, index);
        if (hash.isEmpty()) {
            throw new IllegalStateException("audit tree node " + level + "/" + index + " is missing");
        }
        return hash.get(0);
    }

    void insert(List<StoredNode> nodes) {
        jdbc.batchUpdate("INSERT INTO audit_tree_node (level, idx, hash) VALUES (?, ?, ?)", nodes, nodes.size(),
                (ps, node) -> {
                    ps.setInt(1, node.level());
                    ps.setLong(2, node.index());
                    ps.setBytes(3, node.hash());
                });
    }

    /** The number of leaves, which is the tree's size. */
    long size() {
        return jdbc.queryForObject("SELECT count(*) FROM audit_tree_node WHERE level = 0", Long.class);
    }
}
