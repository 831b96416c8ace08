package io.custody.query.proposal;

import io.custody.api.withdrawal.LimitBreach;
import io.custody.api.withdrawal.ProposalApproved;
import io.custody.api.withdrawal.ProposalExpired;
import io.custody.api.withdrawal.ProposalId;
import io.custody.api.withdrawal.ProposalReady;
import io.custody.api.withdrawal.ProposalRejected;
import io.custody.api.withdrawal.ProposalRejectionCast;
import io.custody.api.withdrawal.ProposalStatus;
import io.custody.api.withdrawal.SignerSignature;
import io.custody.api.withdrawal.WithdrawalCompleted;
import io.custody.api.withdrawal.WithdrawalDelayElapsed;
import io.custody.api.withdrawal.WithdrawalExecutionStarted;
import io.custody.api.withdrawal.WithdrawalFailed;
import io.custody.api.withdrawal.WithdrawalProposed;
import io.custody.api.wallet.SignerAddress;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code proposal_view} and {@code proposal_vote_view} current from the proposals' own streams, in a processor
 * of its own. {@code version} is the sequence number, in the proposal's stream, of the last event applied; updates are
 * guarded by it and votes are keyed by signer, so a redelivered event is a no-op.
 */
@Component
@ProcessingGroup(ProposalProjection.PROCESSOR)
public class ProposalProjection {

    public static final String PROCESSOR = "proposal-view";

    private final JdbcTemplate jdbc;

    public ProposalProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(WithdrawalProposed e, @SequenceNumber long sequence) {
        jdbc.update(con -> {
            var s = con.prepareStatement("""
                    INSERT INTO proposal_view (proposal_id, wallet_id, organisation_id, nonce, chain_family, proposer,
                        to_address, token, amount, signers, threshold, required_approvals, limit_breaches,
                        delay_hours, status, expires_at, created_at, updated_at, version, call_function,
                        call_arguments, call_data, not_before)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (proposal_id) DO NOTHING""");
            s.setObject(1, e.proposalId().value());
            s.setObject(2, e.walletId().value());
            s.setString(3, e.organisation().value());
            s.setLong(4, e.nonce());
            s.setString(5, e.to().family().name());
            s.setString(6, e.proposer().value());
            s.setString(7, e.to().canonical());
            s.setString(8, e.token().value());
            s.setBigDecimal(9, new BigDecimal(e.amount().value()));
            s.setArray(10, con.createArrayOf("text", e.signers().stream().map(SignerAddress::value).toArray()));
            s.setInt(11, e.threshold().value());
            s.setInt(12, e.requiredApprovals());
            s.setArray(13, con.createArrayOf("text", e.limitBreaches().stream().map(LimitBreach::name).toArray()));
            s.setInt(14, e.delayHours());
            s.setTimestamp(15, Timestamp.from(e.expiresAt()));
            s.setTimestamp(16, Timestamp.from(e.proposedAt()));
            s.setTimestamp(17, Timestamp.from(e.proposedAt()));
            s.setLong(18, sequence);
            s.setString(19, e.call() == null ? null : e.call().function());
            s.setArray(20, e.call() == null ? null : con.createArrayOf("text", e.call().arguments().toArray()));
            s.setString(21, e.call() == null ? null : e.call().data());
            s.setTimestamp(22, e.notBefore() == null ? null : Timestamp.from(e.notBefore()));
            return s;
        });
    }

    @EventHandler
    void on(ProposalApproved e, @SequenceNumber long sequence) {
        vote(e.proposalId(), e.signer(), "APPROVE", e.signature(), e.passkey(), null, e.at(), sequence);
    }

    @EventHandler
    void on(ProposalRejectionCast e, @SequenceNumber long sequence) {
        vote(e.proposalId(), e.signer(), "REJECT", e.signature(), e.passkey(), e.reason(), e.at(), sequence);
    }

    @EventHandler
    void on(ProposalReady e, @SequenceNumber long sequence) {
        update(e.proposalId(), "status = 'READY', executable_after = ?", Timestamp.from(e.executableAfter()), e.at(),
                sequence);
    }

    @EventHandler
    void on(WithdrawalDelayElapsed e, @SequenceNumber long sequence) {
        update(e.proposalId(), "delay_elapsed = ?", Boolean.TRUE, e.at(), sequence);
    }

    @EventHandler
    void on(ProposalRejected e, @SequenceNumber long sequence) {
        status(e.proposalId(), ProposalStatus.REJECTED, e.at(), sequence);
    }

    @EventHandler
    void on(ProposalExpired e, @SequenceNumber long sequence) {
        status(e.proposalId(), ProposalStatus.EXPIRED, e.at(), sequence);
    }

    @EventHandler
    void on(WithdrawalExecutionStarted e, @SequenceNumber long sequence) {
        status(e.proposalId(), ProposalStatus.EXECUTING, e.at(), sequence);
    }

    @EventHandler
    void on(WithdrawalCompleted e, @SequenceNumber long sequence) {
        update(e.proposalId(), "status = 'COMPLETED', transaction_hash = ?", e.transactionHash(), e.at(), sequence);
    }

    @EventHandler
    void on(WithdrawalFailed e, @SequenceNumber long sequence) {
        update(e.proposalId(), "status = 'FAILED', failure_reason = ?", e.reason(), e.at(), sequence);
    }

    /**
     * A key signer's vote shows its signature (and Aptos public key); a passkey signer's shows the WebAuthn signature
     * as {@code webauthn:} and base64url, the whole assertion staying in the event (ADR identity-003).
     */
    private void vote(ProposalId id, SignerAddress signer, String decision, SignerSignature signature,
                      io.custody.api.withdrawal.PasskeyAssertion passkey, String reason, Instant at, long sequence) {
        String shown = signature != null ? signature.signature()
                : passkey != null ? "webauthn:" + passkey.signature() : "";
        String publicKey = signature != null ? signature.publicKey() : null;
        jdbc.update("""
                        INSERT INTO proposal_vote_view (proposal_id, signer, organisation_id, decision, signature,
                                                        public_key, reason, voted_at)
                        SELECT proposal_id, ?, organisation_id, ?, ?, ?, ?, ? FROM proposal_view WHERE proposal_id = ?
                        ON CONFLICT (proposal_id, signer) DO NOTHING""",
                signer.value(), decision, shown, publicKey, reason, Timestamp.from(at),
                id.value());
        update(id, "", null, at, sequence);
    }

    private void status(ProposalId id, ProposalStatus status, Instant at, long sequence) {
        update(id, "status = ?", status.name(), at, sequence);
    }

    private void update(ProposalId id, String assignment, Object value, Instant at, long sequence) {
        String sql = "UPDATE proposal_view SET " + (assignment.isEmpty() ? "" : assignment + ", ")
                + "updated_at = ?, version = ? WHERE proposal_id = ? AND version < ?";
        int updated = assignment.isEmpty()
                ? jdbc.update(sql, Timestamp.from(at), sequence, id.value(), sequence)
                : jdbc.update(sql, value, Timestamp.from(at), sequence, id.value(), sequence);
        if (updated == 0 && jdbc.queryForObject("SELECT count(*) FROM proposal_view WHERE proposal_id = ?",
                Long.class, id.value()) == 0) {
            // never drop an event silently: the processor retries until the proposal's first event is recorded
            throw new IllegalStateException("proposal " + id + " is not known yet");
        }
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM proposal_vote_view");
        jdbc.update("DELETE FROM proposal_view");
    }
}
