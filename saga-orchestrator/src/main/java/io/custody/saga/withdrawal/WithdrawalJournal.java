package io.custody.saga.withdrawal;

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
}
