package io.custody.saga.withdrawal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The durable record of each proposal's one transaction, in PostgreSQL ({@code withdrawal_transaction}). Every write
 * commits on its own before the step that depends on it: the unsigned transaction before signing, the signed bytes
 * and hash before the first broadcast. A proposal has at most one row; a second writer finds the first one's.
 */
public class WithdrawalJournal {

    public enum State { PREPARED, SIGNED, BROADCAST, CONFIRMED, FAILED }

    public record Entry(String proposalId, String walletId, String sender, long nonce, State state,
                        byte[] unsignedTx, byte[] signedTx, String txHash, int broadcasts) {
    }

    /**
     * One version of the proposal's transaction: 1 is the first (the row of {@code withdrawal_transaction}), each
     * later one a fee replacement with the same nonce ({@code withdrawal_replacement}). Unsigned until signed.
     */
    public record Version(int number, byte[] unsignedTx, byte[] signedTx, String txHash, Instant signedAt) {

        public boolean isSigned() {
            return txHash != null;
        }
    }

    private final JdbcTemplate jdbc;

    public WithdrawalJournal(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Entry> find(String proposalId) {
        List<Entry> rows = jdbc.query("""
                        SELECT proposal_id, wallet_id, sender, nonce, state, unsigned_tx, signed_tx, tx_hash, broadcasts
                        FROM withdrawal_transaction WHERE proposal_id = ?""",
                (rs, i) -> new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        State.valueOf(rs.getString(5)), rs.getBytes(6), rs.getBytes(7), rs.getString(8), rs.getInt(9)),
                UUID.fromString(proposalId));
        return rows.stream().findFirst();
    }

    /**
     * The nonces this sender's journaled transactions hold on this chain (a FAILED entry's nonce was given back or
     * consumed on chain, so it holds none).
     */
    public java.util.Set<Long> noncesOf(String chain, String sender) {
        return new java.util.HashSet<>(jdbc.queryForList("""
                        SELECT nonce FROM withdrawal_transaction WHERE chain = ? AND lower(sender) = lower(?)
                        AND state <> 'FAILED'""",
                Long.class, chain, sender));
    }

    /**
     * Records the unsigned transaction unless the proposal already has one; answers the proposal's entry, which is
     * this one only if {@code unsignedTx} is what it holds.
     */
    public Entry prepare(String proposalId, String walletId, String chain, String sender, long nonce,
                         byte[] unsignedTx) {
        jdbc.update("""
                        INSERT INTO withdrawal_transaction (proposal_id, wallet_id, chain, sender, nonce, state, unsigned_tx)
                        VALUES (?, ?, ?, ?, ?, 'PREPARED', ?) ON CONFLICT (proposal_id) DO NOTHING""",
                UUID.fromString(proposalId), UUID.fromString(walletId), chain, sender, nonce, unsignedTx);
        return find(proposalId).orElseThrow();
    }

    /** Journals the signed bytes and hash; only a PREPARED entry takes them, once. */
    public Entry signed(String proposalId, byte[] signedTx, String txHash) {
        jdbc.update("""
                        UPDATE withdrawal_transaction SET state = 'SIGNED', signed_tx = ?, tx_hash = ?, updated_at = now()
                        WHERE proposal_id = ? AND state = 'PREPARED'""", signedTx, txHash, UUID.fromString(proposalId));
        // if another run journaled first, its bytes are the ones that go out
        return find(proposalId).orElseThrow();
    }

    public void broadcastAttempted(String proposalId, String error) {
        jdbc.update("""
                        UPDATE withdrawal_transaction SET broadcasts = broadcasts + 1, last_error = ?, updated_at = now(),
                               state = CASE WHEN state = 'SIGNED' AND ?::text IS NULL THEN 'BROADCAST' ELSE state END
                        WHERE proposal_id = ?""",
                error == null ? null : truncate(error), error, UUID.fromString(proposalId));
    }

    public void finish(String proposalId, State state, String error) {
        jdbc.update("""
                        UPDATE withdrawal_transaction SET state = ?, last_error = ?, updated_at = now()
                        WHERE proposal_id = ?""", state.name(), error == null ? null : truncate(error),
                UUID.fromString(proposalId));
    }

    private static String truncate(String text) {
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    /** Every version of the proposal's transaction, the first one first (signed or not). */
    public List<Version> versions(String proposalId) {
        UUID id = UUID.fromString(proposalId);
        List<Version> versions = new ArrayList<>(jdbc.query("""
                        SELECT unsigned_tx, signed_tx, tx_hash FROM withdrawal_transaction WHERE proposal_id = ?""",
                (rs, i) -> new Version(1, rs.getBytes(1), rs.getBytes(2), rs.getString(3), null), id));
        versions.addAll(jdbc.query("""
                        SELECT version, unsigned_tx, signed_tx, tx_hash, signed_at FROM withdrawal_replacement
                        WHERE proposal_id = ? ORDER BY version""",
                (rs, i) -> new Version(rs.getInt(1), rs.getBytes(2), rs.getBytes(3), rs.getString(4),
                        instant(rs.getTimestamp(5))), id));
        return versions;
    }

    /**
     * Records the unsigned replacement {@code number} unless the proposal already has that version; answers the
     * version as journaled, which holds {@code unsignedTx} only if this call wrote it.
     */
    public Version prepareReplacement(String proposalId, int number, byte[] unsignedTx) {
        jdbc.update("""
                        INSERT INTO withdrawal_replacement (proposal_id, version, unsigned_tx) VALUES (?, ?, ?)
                        ON CONFLICT (proposal_id, version) DO NOTHING""",
                UUID.fromString(proposalId), number, unsignedTx);
        return version(proposalId, number);
    }

    /**
     * Journals a replacement's signed bytes and hash (once: a version already signed keeps its bytes) and restarts
     * the replacement clock, which from now on runs for this version.
     */
    public Version signedReplacement(String proposalId, int number, byte[] signedTx, String txHash) {
        UUID id = UUID.fromString(proposalId);
        int updated = jdbc.update("""
                        UPDATE withdrawal_replacement SET signed_tx = ?, tx_hash = ?, signed_at = now()
                        WHERE proposal_id = ? AND version = ? AND signed_tx IS NULL""", signedTx, txHash, id, number);
        if (updated == 1) {
            jdbc.update("UPDATE withdrawal_transaction SET seen_at = NULL, updated_at = now() WHERE proposal_id = ?",
                    id);
        }
        return version(proposalId, number);
    }

    /** Notes that the chain knows the version being sent, unless it was already noted; answers when it first did. */
    public Instant seen(String proposalId) {
        UUID id = UUID.fromString(proposalId);
        jdbc.update("UPDATE withdrawal_transaction SET seen_at = now() WHERE proposal_id = ? AND seen_at IS NULL", id);
        return instant(jdbc.queryForObject("SELECT seen_at FROM withdrawal_transaction WHERE proposal_id = ?",
                Timestamp.class, id));
    }

    /** The transaction was confirmed; {@code minedHash} is recorded when it is a replacement's rather than the first. */
    public void confirmed(String proposalId, String minedHash) {
        jdbc.update("""
                        UPDATE withdrawal_transaction SET state = 'CONFIRMED', last_error = NULL, updated_at = now(),
                               mined_hash = CASE WHEN tx_hash = ? THEN NULL ELSE ? END
                        WHERE proposal_id = ?""", minedHash, minedHash, UUID.fromString(proposalId));
    }

    /** The hash that was mined: a replacement's when one was, else the first version's. */
    public String minedHash(String proposalId) {
        return jdbc.queryForObject("""
                        SELECT coalesce(mined_hash, tx_hash) FROM withdrawal_transaction WHERE proposal_id = ?""",
                String.class, UUID.fromString(proposalId));
    }

    private Version version(String proposalId, int number) {
        return versions(proposalId).stream().filter(v -> v.number() == number).findFirst().orElseThrow();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /**
     * Runs {@code work} holding the database's advisory lock of one sender on one chain, so that executors of every
     * application instance sharing this database build one transaction of a sender at a time: from the nonce's
     * reservation to its journal entry, where an orphaned reservation (a crash between the two) is given back. Without
     * it an instance could give back a nonce another instance has just reserved and not yet journaled. The lock is
     * the session's: a crashed instance's connection closes and its locks go with it.
     */
    public <T> T underSenderLock(String chain, String sender, java.util.function.Supplier<T> work) {
        long key = senderLockKey(chain, sender);
        javax.sql.DataSource dataSource = java.util.Objects.requireNonNull(jdbc.getDataSource(), "dataSource");
        try (java.sql.Connection c = dataSource.getConnection()) {
            advisory(c, "SELECT pg_advisory_lock(?)", key);
            try {
                return work.get();
            } finally {
                advisory(c, "SELECT pg_advisory_unlock(?)", key);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("the sender lock of " + sender + " on " + chain + " failed", e);
        }
    }

    /** The advisory lock key of a sender: the first 8 bytes of SHA-256 over a fixed prefix, the chain and the sender. */
    static long senderLockKey(String chain, String sender) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(
                    ("custody/withdrawal-sender/" + chain + "/" + sender.toLowerCase(java.util.Locale.ROOT))
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.nio.ByteBuffer.wrap(digest, 0, 8).getLong();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    private static void advisory(java.sql.Connection c, String sql, long key) throws java.sql.SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, key);
            ps.execute();
        }
    }
}
