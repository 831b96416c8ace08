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
import io.custody.query.wallet.WalletProjection;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Keeps {@code proposal_view} and {@code proposal_vote_view} current; replays are no-ops (version guard, keys). */
@Component
@ProcessingGroup(WalletProjection.PROCESSING_GROUP)
public class ProposalProjection {

    private final JdbcTemplate jdbc;

    public ProposalProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(WithdrawalProposed e, TrackingToken token) {
        long position = token.position().orElseThrow();
        jdbc.update(con -> {
            var s = con.prepareStatement("""
                    INSERT INTO proposal_view (proposal_id, wallet_id, nonce, chain_family, proposer, to_address, token,
                        amount, signers, threshold, required_approvals, limit_breaches, delay_hours, status, expires_at,
                        created_at, updated_at, version)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?)
                    ON CONFLICT (proposal_id) DO NOTHING""");
            s.setObject(1, e.proposalId().value());
            s.setObject(2, e.walletId().value());
            s.setLong(3, e.nonce());
            s.setString(4, e.to().family().name());
            s.setString(5, e.proposer().value());
            s.setString(6, e.to().canonical());
            s.setString(7, e.token().value());
            s.setBigDecimal(8, new BigDecimal(e.amount().value()));
            s.setArray(9, con.createArrayOf("text", e.signers().stream().map(SignerAddress::value).toArray()));
            s.setInt(10, e.threshold().value());
            s.setInt(11, e.requiredApprovals());
            s.setArray(12, con.createArrayOf("text", e.limitBreaches().stream().map(LimitBreach::name).toArray()));
            s.setInt(13, e.delayHours());
            s.setTimestamp(14, Timestamp.from(e.expiresAt()));
            s.setTimestamp(15, Timestamp.from(e.proposedAt()));
            s.setTimestamp(16, Timestamp.from(e.proposedAt()));
            s.setLong(17, position);
            return s;
        });
    }

    @EventHandler
    void on(ProposalApproved e, TrackingToken token) {
        vote(e.proposalId(), e.signer(), "APPROVE", e.signature(), null, e.at(), token);
    }

    @EventHandler
    void on(ProposalRejectionCast e, TrackingToken token) {
        vote(e.proposalId(), e.signer(), "REJECT", e.signature(), e.reason(), e.at(), token);
    }

    @EventHandler
    void on(ProposalReady e, TrackingToken token) {
        update(e.proposalId(), "status = 'READY', executable_after = ?", Timestamp.from(e.executableAfter()), e.at(),
                token);
    }

    @EventHandler
    void on(WithdrawalDelayElapsed e, TrackingToken token) {
        update(e.proposalId(), "delay_elapsed = ?", Boolean.TRUE, e.at(), token);
    }

    @EventHandler
    void on(ProposalRejected e, TrackingToken token) {
        status(e.proposalId(), ProposalStatus.REJECTED, e.at(), token);
    }

    @EventHandler
    void on(ProposalExpired e, TrackingToken token) {
        status(e.proposalId(), ProposalStatus.EXPIRED, e.at(), token);
    }

    @EventHandler
    void on(WithdrawalExecutionStarted e, TrackingToken token) {
        status(e.proposalId(), ProposalStatus.EXECUTING, e.at(), token);
    }

    @EventHandler
    void on(WithdrawalCompleted e, TrackingToken token) {
        update(e.proposalId(), "status = 'COMPLETED', transaction_hash = ?", e.transactionHash(), e.at(), token);
    }

    @EventHandler
    void on(WithdrawalFailed e, TrackingToken token) {
        update(e.proposalId(), "status = 'FAILED', failure_reason = ?", e.reason(), e.at(), token);
    }

    private void vote(ProposalId id, SignerAddress signer, String decision, SignerSignature signature, String reason,
                      Instant at, TrackingToken token) {
        jdbc.update("""
                        INSERT INTO proposal_vote_view (proposal_id, signer, decision, signature, public_key, reason,
                                                        voted_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (proposal_id, signer) DO NOTHING""",
                id.value(), signer.value(), decision, signature.signature(), signature.publicKey(), reason,
                Timestamp.from(at));
        long position = token.position().orElseThrow();
        jdbc.update("UPDATE proposal_view SET updated_at = ?, version = ? WHERE proposal_id = ? AND version < ?",
                Timestamp.from(at), position, id.value(), position);
    }

    private void status(ProposalId id, ProposalStatus status, Instant at, TrackingToken token) {
        update(id, "status = ?", status.name(), at, token);
    }

    private void update(ProposalId id, String assignment, Object value, Instant at, TrackingToken token) {
        long position = token.position().orElseThrow();
        jdbc.update("UPDATE proposal_view SET " + assignment + ", updated_at = ?, version = ? "
                + "WHERE proposal_id = ? AND version < ?", value, Timestamp.from(at), position, id.value(), position);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM proposal_vote_view");
        jdbc.update("DELETE FROM proposal_view");
    }
}
